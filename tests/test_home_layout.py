"""AppTest of the Home layout: start links and sections wrap instead of being cut short."""

from __future__ import annotations

from streamlit.proto.Block_pb2 import Block as BlockProto


def wrapping_rows(at) -> list:
    """Top-level horizontal containers that wrap their children onto more rows."""
    return [
        block
        for block in at.main.children.values()
        if getattr(block, "type", None) == "flex_container"
        and block.proto.flex_container.direction == BlockProto.FlexContainer.Direction.HORIZONTAL
        and block.proto.flex_container.wrap
    ]


def labels(block) -> list[str]:
    return [link.label for link in block.get("page_link")]


def test_home_links_wrap_in_a_narrow_window(app_test):
    """Three fixed columns cut "Browse the questions" to "Browse the" at 900 px; cards wrap."""
    at = app_test().run()
    assert not at.exception
    assert not at.columns
    rows = [labels(block) for block in wrapping_rows(at)]
    [cards] = [row for row in rows if "Browse the questions" in row]
    [sections] = [row for row in rows if any(" · " in label for label in row)]
    assert "Start a mock interview" in cards
    assert len(sections) == 10
