"""Fill a CRM with realistic sample data so a new user can try it."""

from __future__ import annotations

from ..core.synth import TAGS, Synth
from .changes import Change
from .companies import CompanyService
from .contacts import ContactService, Progress
from .context import ServiceContext
from .lookups import LookupService

DEMO_OWNERS = ("Alex Morgan", "王芳", "Sam Lee")


def seed_demo(ctx: ServiceContext, contacts: ContactService, companies: CompanyService,
              lookups: LookupService, *, people: int = 400, firms: int = 150, seed: int = 7,
              progress: Progress | None = None) -> tuple[int, int]:
    """Add owners, tags, ``firms`` companies and ``people`` contacts. Returns the counts added."""
    synth = Synth(seed)
    existing = {u.name for u in lookups.users()}
    for name in DEMO_OWNERS:
        if name not in existing:
            lookups.create_user(name)
    owner_ids = [u.id for u in lookups.users()]
    known_tags = {t.name.casefold() for t in lookups.tags()}
    for name, kind in TAGS:
        if name.casefold() not in known_tags:
            lookups.create_tag(name, kind)
    names: list[str] = []
    # Generated names repeat now and then; try a bounded number of times for distinct ones.
    for _ in range(firms * 3):
        if len(names) == firms:
            break
        draft = synth.company()
        draft.owner_id = synth.rng.choice(owner_ids)
        if not companies.duplicates(draft):
            companies.create(draft)
            names.append(draft.name)
    ids = contacts.create_many(synth.contacts(people, names, owner_ids), batch_size=500,
                               progress=progress, total=people)
    from .timeline import seed_demo_history  # the customer pages' sample past

    seed_demo_history(ctx, ids, synth.rng)
    from .tasks import seed_demo_tasks  # follow-ups around today for the Reminders page

    seed_demo_tasks(ctx, ids, synth.rng)
    from .deals import seed_demo_deals  # a pipeline with open, won and lost deals and their history

    seed_demo_deals(ctx, ids, synth.rng)
    ctx.changes.emit(Change("all", "reset"))
    return len(ids), len(names)
