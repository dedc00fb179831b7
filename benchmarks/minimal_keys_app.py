"""The Textual floor for key presses: one OptionList of four options, focused. Baseline of bench_keys.py."""

from textual.app import App, ComposeResult
from textual.widgets import OptionList


class MinimalOptionList(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList("Option one", "Option two", "Option three", "Option four")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()


if __name__ == "__main__":
    MinimalOptionList().run()
