"""The benchmark's core figures are produced with the keys the issues ask for."""

from tools import bench


def test_bank_and_search_figures_are_real_measurements():
    figures = bench.bench_bank()
    assert figures["questions"] > 0
    assert 0 < figures["bank_load_ms"] < 10_000
    assert 0 < figures["search_ms"] < 1_000


def test_page_reruns_are_reported_against_the_trivial_page(tmp_path):
    figures = bench.bench_pages(str(tmp_path))
    assert figures["trivial_rerun_ms"] > 0
    browse = figures["pages"]["pages/browse.py"]
    assert browse["rerun_ms"] > 0
    assert browse["ratio_to_trivial"] == round(browse["rerun_ms"] / figures["trivial_rerun_ms"], 2)


def test_report_formats_every_figure():
    report = {
        "questions": 115,
        "bank_load_ms": 1.0,
        "search_ms": 0.1,
        "start_to_healthy_s": 1.2,
        "trivial_rerun_ms": 5.0,
        "pages": {
            "pages/browse.py": {"rerun_ms": 20.0, "ratio_to_trivial": 4.0},
            "pages/x.py": {"error": "boom"},
        },
        "peak_rss_mb": 100.0,
        "targets": bench.TARGETS,
    }
    text = bench.format_report(report)
    assert "x4.0 trivial" in text and "ERROR boom" in text and "peak_rss_mb" in text


def test_api_bench_times_single_and_batch_predictions():
    from tools import api_bench

    figures = api_bench.measure(single_repeats=5, batch_repeats=2)
    assert 0 < figures["live_p50_ms"] <= figures["predict_p95_ms"]
    assert 0 < figures["predict_p50_ms"] <= figures["predict_p95_ms"]
    assert 0 < figures["batch_1000_p50_ms"] <= figures["batch_1000_p95_ms"]
    assert figures["targets"] == {"predict_p50_ms": 10.0, "batch_1000_p50_ms": 300.0}


def test_grading_bench_times_every_answer_and_reports_the_eval():
    from tools.bench import BENCH_PLUGINS
    from tools.grading_bench import bench

    assert "tools.grading_bench:bench" in BENCH_PLUGINS
    figures = bench()["grading"]
    assert figures["answers_timed"] >= 115  # at least every model answer
    assert 0 < figures["per_answer_ms"]["median"] <= figures["per_answer_ms"]["p95"]
    assert figures["answer_100kb_ms"] > 0
    assert 0 <= figures["eval"]["precision"] <= 1
    assert 0 <= figures["eval_heldout"]["precision"] <= 1
    assert figures["eval_heldout"] != figures["eval"]  # a different set, measured apart
