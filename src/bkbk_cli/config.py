"""Programme rules and input limits, as configuration rather than code.

BKBK's quotas, the BPJS Ketenagakerjaan contribution, its deadline and the lapse
rule change from year to year (2026 brought a temporary discount for some
members), so none of them is written into the checks. The defaults below are the
rules as they stand; a TOML file overrides any part of them::

    [quota]
    miskin_ekstrem = 50
    pekerja_rentan = 25

    [contribution]
    monthly_rp = 16800
    deadline_day = 15            # paid by the 15th ...
    deadline_month_offset = 0    # ... of the contribution month itself

    [[contribution.change]]      # a temporary discount, say
    from = "2026-01"
    until = "2026-06"            # optional: open-ended without it
    monthly_rp = 8400
    kategori = ["miskin_ekstrem"]  # optional: every category without it

    [status]
    lapse_months = 3             # consecutive unpaid months that make a participant nonaktif

    [enrolment]
    max_age = 65                 # enrolment only before this age

    [limits]                     # see Limits below
    max_file_mb = 50

    [reading]                    # payment marks instead of amounts (see Reading below)
    paid_marks = ["v", "√", "lunas", "sudah bayar"]

    [colours]                    # see Colours below: green met, amber near, red action
    quota_near = 0.9
    continuity_met = 0.95
    continuity_near = 0.8

The file is the one given with ``--config``, else ``$BKBK_CONFIG``, else
``$XDG_CONFIG_HOME/bkbk/config.toml`` (``~/.config/bkbk/config.toml``) if it exists.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Kategori = Literal["miskin_ekstrem", "pekerja_rentan"]
KATEGORI: tuple[Kategori, ...] = ("miskin_ekstrem", "pekerja_rentan")

_PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class ConfigError(ValueError):
    """The configuration file cannot be used; the message says where and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Quota(_Strict):
    miskin_ekstrem: int = Field(50, ge=0)
    pekerja_rentan: int = Field(25, ge=0)

    def for_kategori(self, kategori: Kategori) -> int:
        return int(getattr(self, kategori))


class ContributionChange(_Strict):
    """A different required contribution from one month (to another, inclusive)."""

    start: str = Field(alias="from")
    until: str | None = None
    monthly_rp: int = Field(ge=0)
    kategori: list[Kategori] | None = None

    @field_validator("start", "until")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        if value is not None and not _PERIOD_RE.match(value):
            raise ValueError(f"expected a month as YYYY-MM, got {value!r}")
        return value

    def applies(self, period: str, kategori: Kategori) -> bool:
        if period < self.start or (self.until is not None and period > self.until):
            return False
        return self.kategori is None or kategori in self.kategori


class Contribution(_Strict):
    monthly_rp: int = Field(16_800, ge=0)
    deadline_day: int = Field(15, ge=1, le=31)
    deadline_month_offset: int = Field(0, ge=0, le=12)
    change: list[ContributionChange] = Field(default_factory=list)

    def required(self, period: str, kategori: Kategori) -> int:
        """The contribution due for one month and category; the last matching change wins."""
        amount = self.monthly_rp
        for change in self.change:
            if change.applies(period, kategori):
                amount = change.monthly_rp
        return amount


class Status(_Strict):
    lapse_months: int = Field(3, ge=1)


class Enrolment(_Strict):
    max_age: int = Field(65, ge=1, le=130)


class Colours(_Strict):
    """When a report paints a number green (met), amber (near) or red (needs action).

    One rule for the screen and the xlsx reports (``render.signal``): a village that has
    not reported is red; active participants at or above the quota green, at or above
    ``quota_near`` of it amber, below that red; a continuity rate at or above
    ``continuity_met`` green, at or above ``continuity_near`` amber, below red. A regency's
    share of villages reported and of villages meeting the quota follow ``quota_near``.
    """

    quota_near: float = Field(0.9, ge=0, le=1)
    continuity_met: float = Field(0.95, ge=0, le=1)
    continuity_near: float = Field(0.8, ge=0, le=1)


class Limits(_Strict):
    """Bounds on what an upload may cost, checked before a workbook is parsed.

    A roster of 75 people is a few tens of kilobytes; a merged regency workbook a
    few megabytes. The defaults leave ample room for a province-wide workbook
    (300,000 rows) while refusing zip bombs and absurd sheets in well under a second.
    """

    max_file_mb: float = Field(100, gt=0)
    max_uncompressed_mb: float = Field(1024, gt=0)
    max_part_mb: float = Field(512, gt=0)
    max_compression_ratio: float = Field(200, gt=1)
    max_sheets: int = Field(100, ge=1)
    max_rows: int = Field(500_000, ge=1)
    max_columns: int = Field(500, ge=1)
    #: rows x columns of one sheet, counted from A1: a reader holds the sheet as a dense
    #: grid, so a few cells far apart cost as much as a full sheet
    max_cells: int = Field(10_000_000, ge=1)
    max_cell_chars: int = Field(32_767, ge=1)


class Reading(_Strict):
    """How lenient cells are read: payment marks instead of amounts (lower case, spaces
    collapsed). A paid mark counts as the month's required contribution."""

    paid_marks: list[str] = Field(
        default_factory=lambda: ["v", "√", "✓", "✔", "lunas", "sudah", "sudah bayar", "ada"]
    )
    unpaid_marks: list[str] = Field(
        default_factory=lambda: ["-", "x", "belum", "belum lunas", "belum bayar", "0"]
    )


class Config(_Strict):
    quota: Quota = Field(default_factory=Quota)
    contribution: Contribution = Field(default_factory=Contribution)
    status: Status = Field(default_factory=Status)
    enrolment: Enrolment = Field(default_factory=Enrolment)
    limits: Limits = Field(default_factory=Limits)
    reading: Reading = Field(default_factory=Reading)
    colours: Colours = Field(default_factory=Colours)


def default_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "bkbk" / "config.toml"


def load_config(path: Path | str | None = None) -> Config:
    """Built-in defaults overridden by the first config file found (see module doc)."""
    explicit = path is not None or bool(os.environ.get("BKBK_CONFIG"))
    chosen = Path(path or os.environ.get("BKBK_CONFIG") or default_config_path())
    if not chosen.exists():
        if explicit:
            raise ConfigError(f"{chosen}: configuration file not found")
        return Config()
    try:
        data = tomllib.loads(chosen.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{chosen}: cannot read configuration: {exc}") from exc
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"{chosen}: invalid configuration: {problems}") from exc
