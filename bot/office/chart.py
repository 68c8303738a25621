"""The 台账 as a picture: how far each section and each unit has got, coloured by standing.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no global backend or rc
changes), so it is safe in a worker thread. Chinese text uses the Noto Sans CJK SC font shipped
inside the `mplfonts` wheel, registered with matplotlib's font manager on first use; nothing
else of mplfonts is used.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from bot.normalize import printable
from bot.office.overview import Overview
from bot.office.shown import COLOURS, SHOWN, notice_name, shown_counts, undecided
from bot.office.texts import ontime_digest_line
from bot.plan import Plan
from bot.registry.units import Registry
from bot.texts import full_date, section_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.font_manager import FontProperties

__all__ = [
    "CjkFont",
    "ChartData",
    "chart_caption",
    "chart_data",
    "chart_filename",
    "chart_title",
    "title_lines",
    "cjk_font",
    "render_chart",
]

FONT_PACKAGE = "mplfonts"
FONT_FILE = "NotoSansCJKsc-Regular.otf"
LABEL_LIMIT = 14  # characters of a section's title shown beside its bar
TITLE_LINE = 40  # characters of the title on one line; a longer one wraps
_DPI = 110
_BAR_INCHES = 0.34
_TITLE_INCHES = 0.32  # one line of the title
_LEGEND_INCHES = 0.5
_font_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class CjkFont:
    """The CJK font file the chart draws with, and its family name in matplotlib."""

    path: Path
    family: str


@cache
def _registered() -> CjkFont:
    from matplotlib import font_manager
    from matplotlib.font_manager import FontProperties

    path = Path(str(resources.files(FONT_PACKAGE).joinpath("fonts", FONT_FILE)))
    if not path.is_file():
        raise FileNotFoundError(f"找不到中文字体文件：{path}")
    font_manager.fontManager.addfont(str(path))
    return CjkFont(path, FontProperties(fname=str(path)).get_name())


def cjk_font() -> CjkFont:
    """The CJK font, registered with matplotlib's font manager the first time it is asked for."""
    with _font_lock:
        return _registered()


@dataclass(frozen=True, slots=True)
class ChartData:
    """What the chart shows: a title and two groups of labelled bars, counts by standing."""

    title: str
    sections: tuple[tuple[str, Counter[str]], ...]  # tasks per section, by shown standing
    units: tuple[tuple[str, Counter[str]], ...]  # (task, unit) pairs per unit, by standing
    section_axis: str = "按工作任务（项数）"
    unit_axis: str = "按责任单位（承担的任务数）"
    ontime: str = ""  # the notice's 按期完成 figures, a line under the title

    def bar_note(self, counts: Counter[str]) -> str:
        """The note at a bar's end: how many of its tasks are done."""
        return f"{counts[SHOWN[0]]}/{sum(counts.values())}"

    def texts(self) -> list[str]:
        """Every piece of text the chart draws (for checking the font covers it)."""
        bars = self.sections + self.units
        return [
            self.title,
            self.ontime,
            self.section_axis,
            self.unit_axis,
            *SHOWN,
            *(label for label, _ in bars),
            *(self.bar_note(counts) for _, counts in bars),
        ]


def _label(text: str, limit: int | None = None) -> str:
    """A notice's or registry's words as a chart label: one printable line of at most `limit`
    characters, never read as mathtext (matplotlib takes text between two ``$`` for a
    formula, and may fail on it)."""
    text = printable(text).replace("\n", " ")
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return text.replace("$", r"\$")


def chart_title(overview: Overview, plan: Plan) -> str:
    """``《通知标题》落实情况（截至2021年11月22日）``."""
    return f"{notice_name(plan) or '台账'}落实情况（截至{full_date(overview.today)}）"


def chart_data(overview: Overview, plan: Plan, registry: Registry | None = None) -> ChartData:
    """The bars of the chart: sections in notice order, units in registry order.

    A task no unit holds is counted as 待明确, and with `registry` so is one whose known units
    are done while a group phrase on it is still undefined (as in the workbook).
    """
    pending = undecided(plan, registry)
    sections = tuple(
        (
            _label(section_label(section), LABEL_LIMIT),
            shown_counts(overview, (t.number for t in plan.tasks_in(section.number)), pending),
        )
        for section in plan.sections
    )
    units = tuple(
        (_label(unit), Counter({s.value: n for s, n in counts.items()}))
        for unit, counts in overview.unit_counts().items()
    )
    ontime = ontime_digest_line(overview.ontime) if overview.ontime is not None else ""
    return ChartData(_label(chart_title(overview, plan)), sections, units, ontime=_label(ontime))


def chart_caption(overview: Overview) -> str:
    """The caption the picture is sent with."""
    return (
        f"台账图（截至{full_date(overview.today)}）：上半部分按工作任务，下半部分按责任单位，"
        "颜色表示状态，条末数字为已完成数/总数。"
    )


def chart_filename(overview: Overview) -> str:
    """``台账图-2021-11-15.png``."""
    return f"台账图-{overview.today.isoformat()}.png"


def _bars(
    ax: Axes,
    bars: tuple[tuple[str, Counter[str]], ...],
    data: ChartData,
    font: FontProperties,
) -> None:
    from matplotlib.ticker import MaxNLocator

    positions = list(range(len(bars)))
    left = [0] * len(bars)
    for shown in SHOWN:
        widths = [counts[shown] for _, counts in bars]
        ax.barh(
            positions,
            widths,
            left=left,
            color=f"#{COLOURS[shown]}",
            edgecolor="white",
            height=0.7,
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for position, (_, counts) in zip(positions, bars, strict=True):
        total = sum(counts.values())
        ax.text(
            total + 0.1, position, data.bar_note(counts), va="center", fontproperties=font, size=9
        )
    ax.set_yticks(positions, [label for label, _ in bars], fontproperties=font, size=10)
    ax.set_ylim(len(bars) - 0.5, -0.5)  # first bar on top
    ax.set_xlim(0, max(left, default=0) * 1.12 + 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", color="#E0E0E0")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def title_lines(title: str) -> list[str]:
    """The title on one line, or broken after the notice's name (and within it if need be)."""
    if len(title) <= TITLE_LINE:
        return [title]
    name, mark, rest = title.rpartition("》")
    parts = [name + mark, rest] if mark else [title]
    return [line for part in parts for line in textwrap.wrap(part, TITLE_LINE)]


def _ontime_lines(ontime: str) -> list[str]:
    """The on-time line under the title: the counts, then the rate and median on a second."""
    counts, _, rest = ontime.partition("；")
    return [line for line in (counts, rest) if line]


def render_chart(overview: Overview, plan: Plan, registry: Registry | None = None) -> bytes:
    """A PNG: completion by section and by unit, as horizontal bars stacked by standing
    (`registry` as for `chart_data`)."""
    # matplotlib is imported only here: it costs every start of the bot about a second.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Patch

    data = chart_data(overview, plan, registry)
    font = FontProperties(fname=str(cjk_font().path))
    bold = FontProperties(fname=str(cjk_font().path), size=15)
    heights = [max(1, len(data.sections)), max(1, len(data.units))]
    title = title_lines(data.title) + _ontime_lines(data.ontime)
    head = _TITLE_INCHES * len(title) + _LEGEND_INCHES  # above the bars, in inches
    figure = Figure(figsize=(11, _BAR_INCHES * sum(heights) + head + 1.9), dpi=_DPI)
    FigureCanvasAgg(figure)
    tall = figure.get_figheight()
    grid = figure.add_gridspec(2, 1, height_ratios=heights, hspace=0.18)
    for row, (bars, name) in enumerate(
        ((data.sections, data.section_axis), (data.units, data.unit_axis))
    ):
        ax = figure.add_subplot(grid[row])
        _bars(ax, bars, data, font)
        ax.set_title(name, fontproperties=font, size=12, loc="left")
    figure.suptitle("\n".join(title), y=1 - 0.12 / tall, va="top", fontproperties=bold)
    handles = [Patch(color=f"#{COLOURS[shown]}", label=shown) for shown in SHOWN]
    figure.legend(
        handles=handles,
        loc="upper center",
        ncol=len(handles),
        prop=font,
        bbox_to_anchor=(0.5, 1 - (0.12 + _TITLE_INCHES * len(title)) / tall),
    )
    figure.subplots_adjust(left=0.24, right=0.97, top=1 - (head + 0.4) / tall, bottom=0.04)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
