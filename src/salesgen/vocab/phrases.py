"""The grammar of interaction notes: templates per situation and the fragments they compose.

A situation is what happened in a touch, ``"<type>.<direction>.<outcome>"`` (meetings and demos
have no inbound form). Each situation has a handful of sentence templates; a template's
``{slots}`` are filled per row from the touch's facts (``first``, ``full``, ``title``, ``topic``,
``product``) or from the fragment pools below (``detail`` by stage group, ``reaction`` by
sentiment, ``colleagues``, ``rival_line``). Templates for touches where nobody spoke (a bounce,
a voicemail, a no-show) never carry a reaction or a detail, so a note cannot contradict its
outcome. Plain constants, versioned with salesgen: changing one changes the data.

Example:
    >>> sorted(SITUATIONS)[:3]
    ['call.inbound.connected', 'call.outbound.connected', 'call.outbound.no answer']
    >>> all("{reaction}" not in t for t in SITUATIONS["email.outbound.bounced"])
    True
"""

from __future__ import annotations

STAGE_GROUPS = ("identified", "qualified", "proposal", "negotiation", "account")

# Situations where the buyer took part: their notes carry a detail and a reaction, their
# sentiment carries the deal's mood. Every other situation is sentiment-neutral.
CONVERSATIONS = frozenset(
    {
        "email.outbound.replied",
        "email.inbound.replied",
        "email.inbound.sent",
        "call.outbound.connected",
        "call.inbound.connected",
        "meeting.outbound.held",
        "demo.outbound.held",
    }
)

SITUATIONS: dict[str, tuple[str, ...]] = {
    "email.outbound.sent": (
        "Emailed {first} about {topic} for {product}.",
        "Sent {first} a follow-up on {topic} ({product}).",
        "Sent {first} the {product} material on {topic}; no reply yet.",
        "Emailed {full} to keep {product} moving: {topic}.",
        "Wrote to {first} ({title}) about {topic} for {product}.",
        "Shared notes on {topic} with {first} by email, {product} overview attached.",
    ),
    "email.outbound.replied": (
        "{first} replied to our email on {topic} for {product}. {reaction}",
        "Got a reply from {full} about {topic} ({product}). {reaction}",
        "{first} answered our {product} follow-up on {topic}. {reaction}",
        "{first} ({title}) wrote back on {topic} for {product}. {reaction}",
        "Email thread with {first} on {topic} for {product}; they answered the same day. {reaction}",
    ),
    "email.outbound.bounced": (
        "Email to {first} about {product} bounced: the address is no longer valid.",
        "Our {product} follow-up to {full} bounced back (mailbox not found).",
        "Bounced: the email to {first} on {topic} for {product} was undeliverable.",
        "The {product} email to {first} ({title}) bounced; looking for a current address.",
    ),
    "email.inbound.replied": (
        "{first} replied to our last note with questions on {topic} for {product}. {reaction}",
        "{first} wrote back about {topic} ({product}). {reaction}",
        "Reply from {full} ({title}) on {topic} for {product}. {reaction}",
        "{first} answered our {product} email, raising {topic}. {reaction}",
    ),
    "email.inbound.sent": (
        "{first} emailed us asking about {topic} for {product}. {reaction}",
        "Inbound email from {full} on {topic} ({product}). {reaction}",
        "{first} ({title}) wrote in about {topic} for {product}. {reaction}",
        "{first} reached out by email with questions on {topic} for {product}. {reaction}",
    ),
    "call.outbound.connected": (
        "Called {first} about {topic} for {product}. {detail} {reaction}",
        "Phone call with {full} ({title}) on {topic} for {product}. {detail} {reaction}",
        "Reached {first} by phone to go over {topic} for {product}. {detail} {reaction}",
        "Quick call with {first} on {topic} ({product}). {detail} {reaction}",
        "Spoke with {first} about {product}: {topic}. {detail} {reaction}",
    ),
    "call.outbound.voicemail": (
        "Left {first} a voicemail about {topic} for {product}.",
        "Called {first} about {product}; went to voicemail, left a message on {topic}.",
        "Voicemail for {full} on {topic} ({product}); asked for a call back.",
        "Left a message for {first} ({title}) on {product}: {topic}.",
    ),
    "call.outbound.no answer": (
        "Called {first} about {topic} for {product}; no answer.",
        "Tried {full} by phone on {product} ({topic}); they did not pick up.",
        "No answer when calling {first} about {topic} for {product}.",
        "Could not reach {first} ({title}) by phone about {product}.",
        "The call to {first} on {topic} for {product} went unanswered.",
    ),
    "call.inbound.connected": (
        "{first} called in about {topic} for {product}. {detail} {reaction}",
        "Inbound call from {full} ({title}) on {topic} for {product}. {detail} {reaction}",
        "{first} rang us with questions on {topic} for {product}. {detail} {reaction}",
        "Took a call from {first} about {product}: {topic}. {detail} {reaction}",
    ),
    "meeting.outbound.held": (
        "Met {full} ({title}) and {colleagues} to review {topic} for {product}. {detail} {reaction}",
        "Meeting with {first} and {colleagues} covering {topic} for {product}. {detail} {reaction}",
        "Working session with {first} and {colleagues} on {topic} for {product}. {detail} {reaction}",
        "On-site meeting with {full} on {topic}; went through {product} with {colleagues}. {detail} {reaction}",
        "Video meeting with {first} ({title}) and {colleagues}: {topic} for {product}. {detail} {reaction}",
    ),
    "meeting.outbound.rescheduled": (
        "The meeting with {first} on {topic} for {product} moved to next week at their request.",
        "{first} asked to reschedule our {product} meeting ({topic}); new slot pending.",
        "Rescheduled the {topic} session with {full} on {product}: calendar conflict on their side.",
        "Postponed: {first} could not make the {product} review of {topic}.",
    ),
    "meeting.outbound.no-show": (
        "{first} did not join the scheduled meeting on {topic} for {product}.",
        "No-show: waited 15 minutes for {full}; the {product} review of {topic} did not happen.",
        "{first} missed the {product} meeting on {topic} without notice.",
        "Nobody from {first}'s side showed up for the {topic} meeting on {product}.",
    ),
    "demo.outbound.held": (
        "Demo of {product} for {full} ({title}) and {colleagues}, focusing on {topic}. {detail} {reaction}",
        "Walked {first} and {colleagues} through {product} around {topic}. {detail} {reaction}",
        "Live demo of {product} with {first}: {topic}. {detail} {reaction}",
        "Tailored {product} demo for {first} and {colleagues} on {topic}. {detail} {reaction}",
    ),
    "demo.outbound.rescheduled": (
        "The {product} demo for {first} moved at their request; {topic} stays the focus.",
        "Rescheduled the {product} demo with {full}: their team was not available.",
        "{first} asked to push the {product} demo on {topic} by a week.",
    ),
    "demo.outbound.no-show": (
        "{first} did not show for the {product} demo on {topic}.",
        "No-show for the {product} demo: {full} and team did not join.",
        "The {product} demo was called off on the day: {first} did not attend.",
    ),
}

# What the buyer told us, by stage group (only in conversations).
DETAILS: dict[str, tuple[str, ...]] = {
    "identified": (
        "Main pain: manual reporting across regions.",
        "They run spreadsheets today and feel the limits.",
        "Their current tool's contract ends next year.",
        "Interest is real but there is no project yet.",
        "Growth is straining their current process.",
        "They want to see how peers solved this.",
        "A new leader is reviewing the tool stack.",
    ),
    "qualified": (
        "Budget is planned for this fiscal year.",
        "Finance owns the budget; IT signs off on security.",
        "Three teams would use it at first.",
        "A small committee decides, chaired by operations.",
        "They need the integration with their ERP.",
        "They want to be live before the next quarter.",
        "Procurement joins once the scope is clear.",
    ),
    "proposal": (
        "They asked for a revised quote with annual billing.",
        "The security questionnaire is with their IT team.",
        "They want two customer references in their industry.",
        "The implementation plan looks realistic to them.",
        "Pricing is within range but needs approval.",
        "Scope may grow to a second site.",
        "They asked for a phased rollout option.",
    ),
    "negotiation": (
        "Legal is reviewing the liability clause.",
        "Procurement wants a multi-year discount.",
        "They ask for net 60 payment terms.",
        "The order form is nearly final.",
        "Signature expected once the CFO approves.",
        "They asked to cap the renewal uplift.",
        "Redlines came back on data processing terms.",
    ),
    "account": (
        "Adoption is steady in the core team.",
        "A support ticket on reporting is still open.",
        "They plan to add users next quarter.",
        "The renewal is on their radar.",
        "Usage dipped in one region.",
        "They asked for admin training.",
        "A new team wants access.",
    ),
}

# The buyer's mood, by sentiment label (negative, neutral, positive); only in conversations.
REACTIONS: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = (
    (
        "They pushed back on price.",
        "Concerns about the rollout effort.",
        "The response was lukewarm.",
        "They doubt the timing is right.",
        "Some frustration with slow answers from us.",
        "Skeptical about the value.",
    ),
    (
        "No strong view either way yet.",
        "They want time to think it over.",
        "Interested, but other priorities compete.",
        "Businesslike tone throughout.",
        "Open questions remain.",
        "They are still comparing options.",
    ),
    (
        "Very positive response.",
        "They liked what they saw.",
        "Clear interest in moving forward.",
        "Strong buy-in on their side.",
        "They are keen to keep the pace.",
        "Feedback was enthusiastic.",
    ),
)

COLLEAGUES = (
    "a colleague from finance",
    "two colleagues",
    "their IT lead",
    "the procurement lead",
    "three people from operations",
    "their project lead",
    "a security architect",
    "two team leads",
    "the head of the business unit",
    "a colleague from legal",
)

# A late-stage conversation names the main rival (only when the deal has one).
RIVAL_LINES = (
    "{rival} is also in the running.",
    "They are also evaluating {rival}.",
    "{rival} has quoted them too.",
    "{rival} is the incumbent to beat.",
    "They mentioned a lower offer from {rival}.",
)

TOPICS: dict[str, tuple[str, ...]] = {
    "identified": (
        "introduction",
        "business challenges",
        "current tools",
        "timeline",
        "team structure",
        "growth plans",
        "reporting gaps",
    ),
    "qualified": (
        "requirements",
        "budget",
        "decision process",
        "use cases",
        "integration",
        "data migration",
        "success criteria",
    ),
    "proposal": (
        "pricing",
        "proposal",
        "security review",
        "implementation plan",
        "references",
        "rollout phases",
        "service levels",
    ),
    "negotiation": (
        "contract terms",
        "discount",
        "legal review",
        "procurement",
        "payment terms",
        "order form",
        "renewal terms",
    ),
    "account": (
        "onboarding",
        "adoption",
        "support ticket",
        "quarterly review",
        "renewal planning",
        "user training",
        "expansion",
    ),
}

# Next steps after a conversation, by stage group.
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    "identified": (
        "Book discovery call",
        "Send intro deck",
        "Confirm pain points",
        "Share a customer story",
        "Identify the project owner",
        "Propose a discovery workshop",
    ),
    "qualified": (
        "Schedule product demo",
        "Map buying committee",
        "Confirm budget owner",
        "Send requirements checklist",
        "Agree on success criteria",
        "Set up technical deep dive",
    ),
    "proposal": (
        "Send proposal",
        "Complete security questionnaire",
        "Arrange reference call",
        "Revise quote",
        "Walk finance through pricing",
        "Draft implementation plan",
    ),
    "negotiation": (
        "Send redlines",
        "Finalize order form",
        "Align on signature date",
        "Get discount approval",
        "Loop in their legal team",
        "Confirm billing details",
    ),
    "account": (
        "Schedule QBR",
        "Share adoption report",
        "Follow up on ticket",
        "Book admin training",
        "Prepare renewal quote",
        "Introduce customer success manager",
    ),
}

# Next steps after a touch where nobody spoke, by outcome.
RETRY_STEPS: dict[str, tuple[str, ...]] = {
    "sent": ("Wait for a reply", "Follow up in a week", "Call if no reply by Friday"),
    "bounced": ("Find a current email address", "Ask the switchboard for a new contact", "Update contact details"),
    "voicemail": ("Call back in two days", "Try again tomorrow morning", "Follow up by email"),
    "no answer": ("Try again tomorrow", "Call back later this week", "Send an email instead"),
    "rescheduled": ("Confirm the new slot", "Send an updated invite", "Share the agenda again"),
    "no-show": ("Reschedule the meeting", "Email to ask for a new time", "Check in with the champion"),
}
