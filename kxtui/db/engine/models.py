"""peewee models: the county's records.

The database object (`kxtui.db.engine.database`, a pool of SQLite connections) is created
unbound and initialised late by `kxtui.db.engine.connection.open_database`, so the CLI, the
app factory and the tests choose the file. Only `kxtui/db/` imports these models; screens
call the functions of the data layer's modules.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Self

from peewee import (
    SQL,
    AutoField,
    BooleanField,
    CharField,
    Check,
    CompositeKey,
    DateField,
    DateTimeField,
    DecimalField,
    DoesNotExist,
    ForeignKeyField,
    IntegerField,
    Model,
    ModelSelect,
    Node,
    TextField,
)

from kxtui.db.engine.database import database  # noqa: E402 (re-exported for the data layer)
from kxtui.db.numbers import allowed


def _in_range(table: str, column: str) -> list[Node]:
    """The column's range as its CHECK constraint (schema v10, `kxtui.db.numbers`)."""
    return [Check(allowed(table, column))]


class CountField(IntegerField):
    """A count, read as stored (int() of an infinity raises): another program may have written
    anything, and `numbers.count` tells the reader whether it is one."""

    def python_value(self, value: object) -> object:
        return value


class HoursField(DecimalField):
    """Hours, read as Decimal where they are a number and as stored where not ('abc'), for
    `numbers.hours` to tell."""

    # (DecimalField's reads as Decimal or None: this one also as stored)
    def python_value(self, value: object) -> object:  # type: ignore[override]
        try:
            return super().python_value(value)
        except decimal.InvalidOperation:
            return value


class BaseModel(Model):
    # Annotations only, for the type checker, of what peewee adds to each model as it builds
    # it; so are the `…_id` below each foreign key (its column, read without a query).
    DoesNotExist: ClassVar[type[DoesNotExist]]  # the model's own subclass

    class Meta:
        database = database
        legacy_table_names = False

    @classmethod
    def find(cls, record_id: int) -> Self | None:
        """The record with this id, or None: `get_or_none(id == record_id)` with its SQL built
        once per model instead of at every call (building it costs ten times the query)."""
        return next(iter(cls.raw(_by_id(cls), record_id)), None)


# A query's rows read as tuples: peewee's stubs type `.tuples()` as yielding the model.
Rows = Iterable[tuple[Any, ...]]


@cache
def _by_id(model: type[BaseModel]) -> str:
    sql, _ = model.select().where(model._meta.primary_key == 0).sql()
    return sql


class Meta(BaseModel):
    """Key/value facts about the database itself (schema version, demo seed, ...)."""

    key = CharField(primary_key=True)
    value = TextField()


class Tracked(BaseModel):
    """Who created and last changed a record, when, and its version for edit conflicts."""

    created_at = DateTimeField()
    created_by = CharField()
    updated_at = DateTimeField()
    updated_by = CharField()
    version = IntegerField(default=1)
    if TYPE_CHECKING:
        id = AutoField()  # (peewee's own, as on every model that names no primary key)


class Region(Tracked):
    """County, town (镇), subdistrict (街道), village (村), community (社区) or grid (网格)."""

    id = AutoField()
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    parent_id: int | None
    kind = CharField(index=True)
    name = CharField()
    code = CharField(null=True, index=True)  # administrative division code, optional
    pinyin = CharField(index=True)  # "jiaozhoushi"
    initials = CharField(index=True)  # "jzs"
    sort_order = IntegerField(default=0)
    # Materialised path of ids, "/1/5/23/": a subtree is one index range on this column.
    path = CharField(index=True)
    # residents, when known (schema v2)
    population = CountField(null=True, constraints=_in_range("region", "population"))

    class Meta:
        indexes = ((("parent", "name"), True),)


class Venue(Tracked):
    """A venue or position (阵地) in a region, assessed against the six haves (六有)."""

    id = AutoField()
    region = ForeignKeyField(Region, backref="venues", on_delete="RESTRICT")
    region_id: int
    name = CharField()
    type = CharField(index=True)
    level = CharField(null=True)
    pinyin = CharField(index=True)
    initials = CharField(index=True)
    six_organisation = BooleanField(default=False)
    six_organisation_note = TextField(default="")
    six_rules = BooleanField(default=False)
    six_rules_note = TextField(default="")
    six_site = BooleanField(default=False)
    six_site_note = TextField(default="")
    six_medium = BooleanField(default=False)
    six_medium_note = TextField(default="")
    six_activities = BooleanField(default=False)
    six_activities_note = TextField(default="")
    six_feature = BooleanField(default=False)
    six_feature_note = TextField(default="")
    contact = CharField(default="")
    phone = CharField(default="")
    address = TextField(default="")
    sort_order = IntegerField(default=0)

    class Meta:
        indexes = ((("region", "name"), True),)


class Volunteer(Tracked):
    """A science volunteer, usually registered on the national 大美志愿 platform."""

    id = AutoField()
    name = CharField()
    pinyin = CharField(index=True)
    initials = CharField(index=True)
    # the roster's name order, syllable by syllable ("chen 陈 fen", `pinyin.sort_key`; v12)
    sort_key = CharField(index=True, default="", constraints=[SQL("DEFAULT ''")])
    gender = CharField(null=True)
    mobile = CharField(null=True, index=True)
    id_number = CharField(null=True, index=True)  # resident ID (GB 11643), optional
    birth_date = DateField(null=True)
    region = ForeignKeyField(Region, backref="volunteers", on_delete="RESTRICT")
    region_id: int
    skills = TextField(default="")
    platform_registered = BooleanField(default=False)
    platform_id = CharField(null=True, index=True)
    is_student = BooleanField(default=False)
    active = BooleanField(default=True)
    joined_on = DateField(null=True)
    notes = TextField(default="")
    # The ID number as the form's checks (resident_id.read) saw it when it was written: None
    # without a number. Kept by `volunteer_index.check_id_numbers`, as SQL cannot check a
    # number against stdnum's table of address codes (schema v6).
    id_number_valid = BooleanField(null=True)


# A volunteer that cannot be reached or identified: no mobile, a mobile not of the form the
# volunteer form stores (1[3-9] and 9 more digits), or an ID number that failed its checks.
CONTACT_PROBLEM = (
    "(mobile IS NULL OR mobile NOT GLOB '1[3-9]" + "[0-9]" * 9 + "' OR id_number_valid = 0)"
)
INACTIVE = "active = 0"
# Partial indexes of these few (schema v6) keep the roster checks fast at 1,000,000
# volunteers; a query must repeat the condition word for word for SQLite to use one.
for _name, _condition in (("contact_problem", CONTACT_PROBLEM), ("inactive", INACTIVE)):
    Volunteer.add_index(
        Volunteer.index(Volunteer.id, name=f"volunteer_{_name}", where=SQL(_condition))
    )


class VolunteerDomain(BaseModel):
    """A volunteer's domains (health, education ...), one row each so filters use an index."""

    volunteer = ForeignKeyField(Volunteer, backref="domains", on_delete="CASCADE")
    domain = CharField()

    class Meta:
        indexes = ((("volunteer", "domain"), True), (("domain", "volunteer"), False))


class Officer(Tracked):
    """A person of the grid: village liaison (联络员), grid officer (网格员), town/county staff."""

    id = AutoField()
    name = CharField()
    pinyin = CharField(index=True)
    initials = CharField(index=True)
    role = CharField(index=True)
    region = ForeignKeyField(Region, backref="officers", on_delete="RESTRICT")
    mobile = CharField(null=True)
    # "One officer, two duties" (一员双责): the grid officer's own volunteer record.
    volunteer = ForeignKeyField(Volunteer, null=True, backref="officer_roles", on_delete="SET NULL")
    active = BooleanField(default=True)


class Team(Tracked):
    """A volunteer team: 总队 → 支队 → 领域分队 → 专业队. A dissolved team (`dissolved_at`) has
    no members and is in no list, tree or search."""

    id = AutoField()
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    parent_id: int | None
    name = CharField()
    pinyin = CharField(index=True)
    initials = CharField(index=True)
    level = CharField()
    domain = CharField(null=True)
    region = ForeignKeyField(Region, backref="teams", on_delete="RESTRICT")
    region_id: int
    leader = ForeignKeyField(Volunteer, null=True, backref="led_teams", on_delete="SET NULL")
    leader_id: int | None
    sort_order = IntegerField(default=0)
    # Dissolving keeps the record (schema v11): activities it organised still name it.
    dissolved_at = DateTimeField(null=True)
    dissolved_by = CharField(null=True)

    class Meta:
        indexes = ((("parent", "name"), True),)

    @classmethod
    def live(cls) -> ModelSelect[Self]:
        """The teams not dissolved."""
        return cls.select().where(cls.dissolved_at.is_null())


class TeamMembership(BaseModel):
    team = ForeignKeyField(Team, backref="memberships", on_delete="CASCADE")
    volunteer = ForeignKeyField(Volunteer, backref="memberships", on_delete="CASCADE")
    joined_on = DateField(null=True)

    class Meta:
        indexes = ((("team", "volunteer"), True), (("volunteer", "team"), False))


class Activity(Tracked):
    """An activity record (活动台账 row). Deleting sets `deleted_at` (soft delete, undoable)."""

    id = AutoField()
    title = TextField()
    pinyin = TextField(default="")
    initials = TextField(default="")
    start_date = DateField(index=True)
    end_date = DateField()
    # Hours (schema v3). These three are NULL only where the schema v10 upgrade found a
    # value out of range (see `migrations._numbers_in_range`): `kxtui check` lists them.
    duration = HoursField(
        max_digits=6, decimal_places=2, default=2, null=True,
        constraints=_in_range("activity", "duration"),
    )  # fmt: skip
    # No index of its own: (region, start_date) below serves lookups by region (schema v4).
    region = ForeignKeyField(Region, backref="activities", on_delete="RESTRICT", index=False)
    region_id: int
    venue = ForeignKeyField(Venue, null=True, backref="activities", on_delete="RESTRICT")
    venue_id: int | None
    organiser_team = ForeignKeyField(Team, null=True, backref="activities", on_delete="RESTRICT")
    organiser_team_id: int | None
    organiser = CharField(default="")  # unit name when not a team
    theme_day = CharField(null=True, index=True)
    campaign = CharField(null=True, index=True)
    target_groups = CharField(default="")  # comma-separated TargetGroup codes
    format = CharField(index=True)
    people_reached = CountField(  # 人次
        default=0, null=True, constraints=_in_range("activity", "people_reached")
    )
    materials = CountField(  # printed materials handed out, 份
        default=0, null=True, constraints=_in_range("activity", "materials")
    )
    notes = TextField(default="")
    deleted_at = DateTimeField(null=True)
    deleted_by = CharField(null=True)

    class Meta:
        indexes = ((("region", "start_date"), False),)


class ServiceRecord(BaseModel):
    """Hours one volunteer served at one activity."""

    # The two composite indexes serve lookups by either column; single-column indexes would
    # only slow every insert (dropped in schema v4).
    activity = ForeignKeyField(
        Activity, backref="service_records", on_delete="CASCADE", index=False
    )
    volunteer = ForeignKeyField(
        Volunteer, backref="service_records", on_delete="RESTRICT", index=False
    )
    if TYPE_CHECKING:
        id = AutoField()  # (peewee's own, as on every model that names no primary key)
    # NULL only where the schema v10 upgrade found a value out of range
    hours = HoursField(
        max_digits=7, decimal_places=2, auto_round=True, null=True,
        constraints=_in_range("service_record", "hours"),
    )  # fmt: skip

    class Meta:
        indexes = ((("activity", "volunteer"), True), (("volunteer", "activity"), False))


class VolunteerKey(BaseModel):
    """Search keys of a volunteer (schema v5): each suffix of the name (张伟, 伟), of its pinyin
    by syllable (zhangwei, wei) and of its initials (zw), the mobile and its last four digits.
    A query finds the volunteers with a key it begins — one index range, at any size, for
    two-character names too. Kept by `volunteer_index` in every write of a volunteer."""

    key = CharField()
    # no foreign key: the keys go with the volunteer in the same write
    volunteer = IntegerField(column_name="volunteer_id")
    # the volunteer's name sort key (schema v9; the pinyin until v12): a broad search puts
    # its matches in name order from this table alone, without reading each volunteer row
    sort_key = CharField(default="", constraints=[SQL("DEFAULT ''")])

    class Meta:
        primary_key = CompositeKey("key", "volunteer")
        without_rowid = True
        indexes = ((("volunteer", "key"), False),)  # a broad search checks each volunteer


class VolunteerService(BaseModel):
    """A volunteer's service totals (schema v5), refreshed in the transaction of every write
    of service records, so a roster of 1,000,000 sorts by hours or last service by index."""

    volunteer = ForeignKeyField(Volunteer, primary_key=True, on_delete="CASCADE")
    hours = HoursField(
        max_digits=9, decimal_places=2, index=True,
        constraints=_in_range("volunteer_service", "hours"),
    )  # fmt: skip
    last_served = DateField(null=True, index=True)


class OfficerAccount(Tracked):
    """Who may sign in (schema v7): the Unix user an officer logs in as, their access role and
    where it applies. `region` is the root of the subtree they work in (edit, unless a viewer);
    None is the whole database (county admins and viewers only). `view_region`, when set, is a
    wider subtree they may also read. Accounts are disabled, never deleted: the audit log
    refers to them."""

    id = AutoField()
    user_name = CharField(unique=True)
    name = CharField()
    role = CharField()  # AccessRole
    region = ForeignKeyField(Region, null=True, backref="accounts", on_delete="RESTRICT")
    view_region = ForeignKeyField(
        Region, null=True, backref="viewing_accounts", on_delete="RESTRICT"
    )
    region_id: int | None
    view_region_id: int | None
    active = BooleanField(default=True)
    phone = CharField(null=True)  # 联系电话 on the reports they hand over (schema v14)


class AuditEntry(BaseModel):
    """One entry per committed change, recorded in the write's own transaction. Append-only:
    triggers refuse UPDATE and DELETE (`audit.TRIGGERS`, schema v6)."""

    id = AutoField()
    at = DateTimeField(index=True)
    actor = CharField()  # the Unix user who wrote
    # the officer account the write was made as (schema v7): the actor's own, or with
    # `--as` the one a county admin acted as; None for writes before accounts existed
    officer = ForeignKeyField(OfficerAccount, null=True, index=False, on_delete="RESTRICT")
    officer_id: int | None
    action = CharField()  # create / update / delete / restore / import / undo ...
    entity = CharField()  # region / venue / activity ...
    entity_id = IntegerField(null=True)
    summary = TextField(default="")
    changes = TextField(default="")  # JSON: {"field": [old, new], ...}
    # The path of the record's region when written (schema v6): a region's log is one index
    # range, and stays findable after the record is deleted.
    region_path = CharField(null=True, index=True)
    undoes = IntegerField(null=True)  # the entry an "undo" reverses (schema v6)

    class Meta:
        indexes = ((("entity", "entity_id"), False), (("actor", "id"), False))


class FormDraft(BaseModel):
    """A half-typed form, kept until the form is saved or discarded."""

    id = AutoField()
    actor = CharField()
    form = CharField()  # "venue", "region", "activity", ...
    target = CharField()  # what the form edits: "venue:12", "new-in-region:5"
    summary = TextField(default="")
    data = TextField()  # JSON of the fields as typed
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("actor", "form", "target"), True),)


class ClosedPeriod(BaseModel):
    """A period a county admin closed (schema v13): no activity dated in it may be created,
    changed, deleted, restored or imported, in `region`'s subtree (None: the whole database).
    Reopening keeps the row, with `reopened_at` set: only rows without it are in force."""

    id = AutoField()
    region = ForeignKeyField(Region, null=True, backref="closings", on_delete="RESTRICT")
    region_id: int | None
    start = DateField()
    end = DateField()
    closed_at = DateTimeField()
    closed_by = CharField()  # the officer's name, as messages say who closed it
    reopened_at = DateTimeField(null=True)
    reopened_by = CharField(null=True)

    class Meta:
        table_name = "closed_period"
        indexes = ((("reopened_at", "start"), False),)


class CalendarEntry(Tracked):
    """A theme day (主题日) or a deadline of one year's calendar as a county admin edited it
    (schema v13). Only edited entries are stored: the others are `kxtui.db.calendar`'s
    defaults. The id is year × 100 + the entry's number there, so a default has its id (and
    version 0) before it is stored, and two admins editing it meet as an edit conflict."""

    id = IntegerField(primary_key=True)
    year = IntegerField()
    code = CharField()  # "science_day", "statistics" ...: the default it replaces
    kind = CharField()  # "theme" | "deadline"
    theme = CharField(null=True)  # a ThemeDay code for a theme
    name = CharField()
    start = DateField()
    end = DateField()
    notes = TextField(default="")

    class Meta:
        table_name = "calendar_entry"
        indexes = ((("year", "code"), True),)


class HistoricalHours(Tracked):
    """Service hours a volunteer gave before the county used kxtui, recorded elsewhere (paper,
    the 大美志愿 platform, another system) and imported (schema v15). Kept apart from service
    records: they are not activities of this county. They count in cumulative hours, star
    levels and certificates, which say which part is historical."""

    id = AutoField()
    volunteer = ForeignKeyField(
        Volunteer, backref="historical_hours", on_delete="RESTRICT", index=False
    )
    volunteer_id: int
    title = TextField()  # the activity or project's name
    organiser = CharField(default="")
    start_date = DateField()
    end_date = DateField()
    hours = HoursField(
        max_digits=7, decimal_places=2, auto_round=True, null=True,
        constraints=_in_range("historical_hours", "hours"),
    )  # fmt: skip
    source = CharField(default="")  # where it was recorded: 纸质台账, 大美志愿 ...

    class Meta:
        table_name = "historical_hours"
        indexes = ((("volunteer", "start_date"), False),)


class Certificate(BaseModel):
    """A 志愿服务记录证明 issued (schema v15): the register every certificate is kept in. The
    number is the county's series of the year (`sequence` within `county` and `year`, no
    gaps, no repeats: `kxtui.db.certificates`);
    printing it again reuses the row and the number and counts the reprint."""

    id = AutoField()
    number = CharField(unique=True)  # as printed: 胶科协志证〔2026〕第0001号
    # the county whose series it is: the top region above the volunteer's home
    county = ForeignKeyField(Region, backref="certificates", on_delete="RESTRICT", index=False)
    county_id: int
    year = IntegerField()
    sequence = IntegerField()
    volunteer = ForeignKeyField(
        Volunteer, backref="certificates", on_delete="RESTRICT", index=False
    )
    volunteer_id: int
    period_start = DateField(null=True)  # None: from the first service
    period_end = DateField(null=True)  # None: to the day it was issued
    hours = HoursField(max_digits=9, decimal_places=2)  # all of it, historical included
    historical_hours = HoursField(max_digits=9, decimal_places=2, default=0)
    issued_at = DateTimeField()
    issued_by = CharField()  # the officer's name (经办人)
    reprints = IntegerField(default=0)
    reprinted_at = DateTimeField(null=True)

    class Meta:
        table_name = "certificate"
        indexes = (
            (("county", "year", "sequence"), True),
            (("volunteer", "period_start", "period_end"), False),
        )


ALL_MODELS = (
    Meta,
    Region,
    Venue,
    Volunteer,
    VolunteerDomain,
    Officer,
    Team,
    TeamMembership,
    Activity,
    ServiceRecord,
    VolunteerKey,
    VolunteerService,
    OfficerAccount,
    AuditEntry,
    FormDraft,
    ClosedPeriod,
    CalendarEntry,
    HistoricalHours,
    Certificate,
)
