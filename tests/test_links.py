"""Questions and demos link to each other consistently in both directions."""

from projects.registry import all_demos
from simulacro.bank import load_bank


def test_every_demo_is_linked_from_each_question_it_illustrates_and_back():
    bank = load_bank()
    demos = all_demos()
    for spec in demos.values():
        assert spec.questions, spec.id
        for number in spec.questions:
            assert spec.id in bank.by_number[number].demos, (spec.id, number)
    for question in bank.questions:
        for demo_id in question.demos:
            assert demo_id in demos, (question.number, demo_id)
            assert question.number in demos[demo_id].questions, (question.number, demo_id)


def test_every_project_has_demos():
    projects = {spec.project for spec in all_demos().values()}
    assert projects == {
        "bankchurn",
        "carvision",
        "telecomai",
        "ops",
        "api",
        "mlops",
        "cicd",
        "infra",
        "responsible",
        "leadership",
    }
