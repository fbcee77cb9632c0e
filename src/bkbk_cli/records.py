"""The record models: what a participant and a monthly payment are.

These pydantic models are the one definition of a participant record. Checks run
over whole tables for speed, but the table columns are these fields, and rows
that are stored are validated through these models in bulk (one ``TypeAdapter``
call over the list), so a stored record always satisfies them.

``participant_rows_adapter`` validates records as tuples of the model's fields
(its types and constraints, taken from the model), giving tuples back: the
store writes tuples, and building a model instance per participant cost seven
times the validation itself (118,875 per province).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter

from bkbk_cli.config import Kategori

Nik = Annotated[str, StringConstraints(pattern=r"^\d{16}$")]
Period = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
Status = Literal["aktif", "menunggak", "nonaktif", "belum_jatuh_tempo"]


class Participant(BaseModel):
    """One person on a village roster, as stored."""

    model_config = ConfigDict(frozen=True)

    row: int = Field(description="Excel row of the participant in the roster sheet")
    village_code: str | None = None
    nik: Nik
    nama: str | None = None
    jenis_kelamin: Literal["L", "P"] | None = None
    tanggal_lahir: dt.date | None = None
    kategori: Kategori
    pekerjaan: str | None = None
    no_kpj: str | None = None
    tanggal_terdaftar: dt.date | None = None


class Payment(BaseModel):
    """The contribution recorded for one participant and one month."""

    model_config = ConfigDict(frozen=True)

    row: int
    period: Period
    amount_rp: float = Field(ge=0)


#: Participant-table columns that come straight from the model.
PARTICIPANT_FIELDS: tuple[str, ...] = tuple(Participant.model_fields)


def _field_types(model: type[BaseModel]) -> tuple[object, ...]:
    """Each field's type with its constraints (``Annotated`` again), in field order."""
    return tuple(
        Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        for info in model.model_fields.values()
    )


@cache
def participant_rows_adapter() -> TypeAdapter[list[tuple]]:
    """Validates a list of participant records given as tuples in ``PARTICIPANT_FIELDS``
    order, exactly as ``Participant`` would (it has no validators beyond its fields')."""
    decorators = Participant.__pydantic_decorators__
    if decorators.model_validators or decorators.field_validators:  # pragma: no cover
        raise TypeError("Participant has validators that validating tuples would skip")
    return TypeAdapter(list[tuple[_field_types(Participant)]])  # type: ignore[misc]
