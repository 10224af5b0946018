"""A matplotlib picture of a ``Mirror`` for the lessons: what a State recommended to others
on an issue, cycle by cycle, beside how it answered the same issue at home."""

from __future__ import annotations

from .mirror import Mirror


def plot_mirror(result: Mirror, ax=None):
    """Grouped bars per cycle: recommendations made abroad, and those received at home split
    into supported and noted. Returns the matplotlib Axes (draws on ``ax`` when given)."""
    import matplotlib.pyplot as plt
    import numpy as np

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.8))
    no_data = set(getattr(result, "home_cycles_missing", ()))
    cycles = sorted({int(c) for c in result.abroad["cycle"].dropna()} | {int(c) for c in result.at_home["cycle"].dropna()} | no_data)
    if not cycles:
        ax.text(0.5, 0.5, f"No recommendations on {result.issue}\nmade or received by {result.country}", ha="center", va="center")
        ax.set_axis_off()
        return ax
    x = np.arange(len(cycles))
    abroad = [int((result.abroad["cycle"] == c).sum()) for c in cycles]
    home = result.at_home
    supported = [int(((home["cycle"] == c) & (home["response"] == "Supported")).sum()) for c in cycles]
    noted = [int(((home["cycle"] == c) & (home["response"] == "Noted")).sum()) for c in cycles]
    pending = [int(((home["cycle"] == c) & (home["response"] == "Pending")).sum()) for c in cycles]
    width = 0.38
    ax.bar(x - width / 2, abroad, width, label=f"{result.country} recommended to others", color="#4c72b0")
    ax.bar(x + width / 2, supported, width, label=f"received: {result.country} supported", color="#55a868")
    ax.bar(x + width / 2, noted, width, bottom=supported, label=f"received: {result.country} only noted", color="#dd8452")
    if any(pending):
        ax.bar(x + width / 2, pending, width, bottom=[s + n for s, n in zip(supported, noted)],
               label="received: no answer yet (pending)", color="#bbbbbb", hatch="..")
    for position, cycle in zip(x, cycles):
        if cycle in no_data:  # "no data" is not "none received"
            ax.text(position + width / 2, 0, "no data", rotation=90, ha="center", va="bottom", fontsize="small", color="#555555")
    ax.set_xticks(x, [f"cycle {c}" for c in cycles])
    ax.set_ylabel("recommendations")
    ax.set_title(f"{result.country} on {result.issue}: abroad and at home")
    ax.legend(frameon=False, fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    return ax
