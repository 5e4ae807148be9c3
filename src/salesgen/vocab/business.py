"""B2B vocabulary: industries, catalog parts, rivals, titles, and deal phrases.

Plain constants, versioned with salesgen (changing one changes the data).
The closed choices themselves (industries, product categories, lead sources,
sizes, stages, rep titles) are defined in ``salesgen.vocab.domain``; this
module holds the words and numbers attached to them.

Example:
    >>> from salesgen.vocab.business import INDUSTRIES
    >>> "Healthcare" in INDUSTRIES
    True
"""

from __future__ import annotations

from salesgen.vocab.domain import Industry

# industry -> (sub-industries, revenue per employee in USD, product mix weights per domain.CATEGORIES);
# keyed in Industry order (integer industry codes index into it).
INDUSTRIES: dict[Industry, tuple[tuple[str, ...], int, tuple[float, float, float, float]]] = {
    Industry.TECHNOLOGY: (("SaaS", "IT Services", "Semiconductors", "Cybersecurity"), 320_000, (0.6, 0.15, 0.15, 0.1)),
    Industry.FINANCIAL_SERVICES: (
        ("Banking", "Insurance", "Asset Management", "Payments"),
        450_000,
        (0.55, 0.1, 0.15, 0.2),
    ),
    Industry.HEALTHCARE: (
        ("Hospitals", "Medical Devices", "Pharmaceuticals", "Health Insurance"),
        210_000,
        (0.4, 0.3, 0.2, 0.1),
    ),
    Industry.MANUFACTURING: (
        ("Industrial Machinery", "Automotive Parts", "Chemicals", "Electronics"),
        280_000,
        (0.25, 0.45, 0.2, 0.1),
    ),
    Industry.RETAIL: (("E-commerce", "Grocery", "Apparel", "Consumer Electronics"), 190_000, (0.45, 0.3, 0.15, 0.1)),
    Industry.EDUCATION: (("Higher Education", "K-12", "EdTech", "Training"), 110_000, (0.5, 0.25, 0.15, 0.1)),
    Industry.LOGISTICS: (("Freight", "Warehousing", "Last-Mile Delivery", "Shipping"), 230_000, (0.35, 0.4, 0.15, 0.1)),
    Industry.ENERGY: (("Utilities", "Oil & Gas", "Renewables", "Grid Services"), 600_000, (0.3, 0.35, 0.15, 0.2)),
    Industry.MEDIA: (("Publishing", "Broadcasting", "Advertising", "Gaming"), 260_000, (0.6, 0.15, 0.15, 0.1)),
    Industry.PROFESSIONAL_SERVICES: (
        ("Legal", "Accounting", "Consulting", "Staffing"),
        170_000,
        (0.55, 0.1, 0.2, 0.15),
    ),
    Industry.TELECOMMUNICATIONS: (
        ("Mobile Carriers", "Cable", "Network Equipment", "Data Centers"),
        520_000,
        (0.4, 0.35, 0.15, 0.1),
    ),
    Industry.PUBLIC_SECTOR: (
        ("Local Government", "Defense", "Public Health", "Transportation"),
        150_000,
        (0.35, 0.25, 0.2, 0.2),
    ),
}

# category -> subcategory -> (pricing_model, unit, list price range in USD, product name stems)
CATALOG: dict[str, dict[str, tuple[str, str, tuple[int, int], tuple[str, ...]]]] = {
    "Software": {
        "CRM": ("subscription", "seat/year", (300, 1_800), ("Pipeline", "Relate", "Accounts")),
        "Analytics": ("subscription", "seat/year", (400, 2_400), ("Insight", "Metrics", "Lens")),
        "Security": ("subscription", "endpoint/year", (40, 220), ("Shield", "Sentinel", "Guard")),
        "Collaboration": ("subscription", "seat/year", (90, 600), ("Teamspace", "Huddle", "Canvas")),
        "ERP": ("subscription", "seat/year", (900, 3_600), ("Ledger", "Operations", "Supply")),
    },
    "Hardware": {
        "Servers": ("one-time", "unit", (6_000, 42_000), ("Rack", "Compute", "Node")),
        "Networking": ("one-time", "unit", (800, 18_000), ("Switch", "Router", "Mesh")),
        "Storage": ("one-time", "unit", (3_000, 55_000), ("Vault", "Array", "Archive")),
        "Devices": ("one-time", "device", (250, 2_200), ("Terminal", "Tablet", "Scanner")),
    },
    "Services": {
        "Support": ("subscription", "contract/year", (2_000, 30_000), ("Premier Support", "Care", "Assist")),
        "Training": ("one-time", "seat", (400, 2_500), ("Academy", "Enablement", "Bootcamp")),
        "Managed Services": ("subscription", "site/year", (5_000, 60_000), ("Managed Ops", "Run", "Operate")),
    },
    "Consulting": {
        "Implementation": ("per-hour", "hour", (150, 320), ("Implementation", "Deployment", "Rollout")),
        "Strategy": ("per-hour", "hour", (220, 450), ("Advisory", "Roadmap", "Transformation")),
        "Integration": ("per-hour", "hour", (160, 300), ("Integration", "Migration", "Data Bridge")),
    },
}

PRODUCT_EDITIONS = ("Cloud", "Pro", "Enterprise", "Essentials", "Plus", "Edge", "Suite", "360", "Core", "Max")
BRAND = "Northbeam"

FEATURES: dict[str, tuple[str, ...]] = {
    "Software": (
        "Single sign-on",
        "Audit log",
        "REST API",
        "Role-based access",
        "Custom dashboards",
        "Mobile app",
        "Workflow automation",
        "AI assistant",
        "Data export",
        "Sandbox environment",
    ),
    "Hardware": (
        "3-year warranty",
        "Hot-swap drives",
        "Redundant power",
        "Remote management",
        "Energy Star certified",
        "Rack mount kit",
        "Next-day replacement",
        "TPM 2.0",
    ),
    "Services": (
        "24/7 coverage",
        "Named account manager",
        "Quarterly business review",
        "4-hour response SLA",
        "Certification exam",
        "On-site option",
        "Health checks",
    ),
    "Consulting": (
        "Fixed-scope statement of work",
        "Certified architects",
        "Knowledge transfer",
        "Project management",
        "Change management",
        "Post-go-live hypercare",
    ),
}

CUSTOMIZATIONS: dict[str, tuple[str, ...]] = {
    "Software": ("Custom branding", "Dedicated tenant", "EU data residency", "Premium SLA", "Extended retention"),
    "Hardware": ("Extended warranty", "Custom firmware", "Asset tagging", "White-glove installation"),
    "Services": ("Weekend coverage", "Dedicated engineer", "Custom reporting"),
    "Consulting": ("On-site delivery", "Accelerated timeline", "Additional workshop"),
}

COMPETITOR_NAMES = (
    "Salient Systems",
    "Corvanta",
    "Brightline Software",
    "Helix Commerce",
    "Quantaro",
    "Vectra Cloud",
    "Oakridge Technologies",
    "Pinnacle Apps",
    "Stratus Labs",
    "Meridian Data",
    "Bluefin Solutions",
    "Kestrel Networks",
    "Tessellate",
    "Ironwood Software",
    "Lumen Harbor",
    "Apexion",
    "Cobalt Grid",
    "Redwood Analytics",
    "Silverline Tech",
    "Northwind Digital",
    "Zephyr Platforms",
    "Granite Stack",
    "Orbital Works",
    "Clearpath Systems",
    "Evergreen CRM",
    "Nimbus Forge",
    "Vantage Point Software",
    "Keystone Cloud",
    "Atlas Logic",
    "Crescent Data",
    "Summit Devices",
    "Harborview IT",
    "Polaris Soft",
    "Ember Analytics",
    "Trident Hardware",
    "Luminary Apps",
    "Falcon Edge",
    "Sapphire Systems",
    "Riverbend Tech",
    "Monarch Software",
)
PRICE_POSITIONS = ("premium", "parity", "discount")
COMPETITOR_STRENGTHS = (
    "Lower price",
    "Brand recognition",
    "Incumbent relationship",
    "Broader feature set",
    "Faster implementation",
    "Local support",
    "Industry focus",
    "Bundled hardware",
    "Flexible contracts",
    "Strong ecosystem",
)

COMPANY_WORDS_A = (
    "Atlas",
    "Blue",
    "Bright",
    "Cedar",
    "Clear",
    "Crown",
    "Delta",
    "Eagle",
    "Echo",
    "Evergreen",
    "First",
    "Golden",
    "Granite",
    "Harbor",
    "Horizon",
    "Iron",
    "Keystone",
    "Liberty",
    "Maple",
    "Meridian",
    "Nova",
    "Oak",
    "Omni",
    "Pacific",
    "Peak",
    "Pioneer",
    "Prime",
    "Quantum",
    "Red",
    "River",
    "Silver",
    "Summit",
    "Sun",
    "Terra",
    "True",
    "Union",
    "United",
    "Vertex",
    "Vista",
    "West",
    "Zenith",
    "North",
    "Alpine",
    "Apex",
    "Bay",
    "Coastal",
    "Metro",
    "Royal",
    "Star",
    "Stone",
)
COMPANY_WORDS_B = {
    "Technology": ("Systems", "Software", "Labs", "Networks", "Digital", "Data", "Tech", "Cloud"),
    "Financial Services": ("Capital", "Financial", "Bank", "Partners", "Insurance", "Trust", "Payments", "Wealth"),
    "Healthcare": ("Health", "Medical", "Care", "Pharma", "Clinics", "Bio", "Diagnostics", "Life Sciences"),
    "Manufacturing": (
        "Industries",
        "Manufacturing",
        "Works",
        "Components",
        "Engineering",
        "Fabrication",
        "Machining",
        "Precision",
    ),
    "Retail": ("Retail", "Stores", "Market", "Goods", "Outfitters", "Brands", "Trading", "Supply"),
    "Education": ("Learning", "Education", "Training", "Tutoring", "Courseware", "EdTech", "Skills", "Classroom"),
    "Logistics": ("Logistics", "Freight", "Transport", "Shipping", "Cargo", "Distribution", "Haulage", "Express"),
    "Energy": ("Energy", "Power", "Utilities", "Solar", "Resources", "Grid", "Wind", "Renewables"),
    "Media": ("Media", "Studios", "Publishing", "Entertainment", "Broadcasting", "Games", "Pictures", "Press"),
    "Professional Services": (
        "Consulting",
        "Advisors",
        "Associates",
        "Group",
        "Legal",
        "Accounting",
        "Counsel",
        "Staffing",
    ),
    "Telecommunications": (
        "Telecom",
        "Communications",
        "Wireless",
        "Connect",
        "Fiber",
        "Mobile",
        "Telematics",
        "Broadband",
    ),
    "Public Sector": ("Authority", "Services", "Agency", "Council", "Department", "Board", "Office", "Commission"),
}

DEPARTMENTS = ("Executive", "IT", "Finance", "Operations", "Sales", "Marketing", "Procurement", "Engineering")
SENIORITIES = ("C-level", "VP", "Director", "Manager", "Individual Contributor")
# department -> title per seniority, in SENIORITIES order
TITLES: dict[str, tuple[str, str, str, str, str]] = {
    "Executive": (
        "Chief Executive Officer",
        "VP Strategy",
        "Director of Strategy",
        "Chief of Staff",
        "Executive Assistant",
    ),
    "IT": ("Chief Information Officer", "VP of IT", "IT Director", "IT Manager", "Systems Administrator"),
    "Finance": ("Chief Financial Officer", "VP Finance", "Finance Director", "Controller", "Financial Analyst"),
    "Operations": (
        "Chief Operating Officer",
        "VP Operations",
        "Director of Operations",
        "Operations Manager",
        "Operations Analyst",
    ),
    "Sales": ("Chief Revenue Officer", "VP Sales", "Sales Director", "Sales Manager", "Sales Operations Analyst"),
    "Marketing": (
        "Chief Marketing Officer",
        "VP Marketing",
        "Marketing Director",
        "Marketing Manager",
        "Marketing Specialist",
    ),
    "Procurement": (
        "Chief Procurement Officer",
        "VP Procurement",
        "Procurement Director",
        "Purchasing Manager",
        "Buyer",
    ),
    "Engineering": (
        "Chief Technology Officer",
        "VP Engineering",
        "Director of Engineering",
        "Engineering Manager",
        "Software Engineer",
    ),
}
BUYING_ROLES = ("decision maker", "champion", "influencer", "user", "blocker")

LOSS_REASONS_OTHER = ("Price", "Budget", "Timing", "Product fit", "Went silent")
LOSS_TO_COMPETITOR = "Lost to competitor"
NO_DECISION = "No decision"

INTERACTION_TYPES = ("email", "call", "meeting", "demo")
TOPICS: dict[str, tuple[str, ...]] = {
    "identified": ("introduction", "business challenges", "current tools", "timeline"),
    "qualified": ("requirements", "budget", "decision process", "use cases", "integration"),
    "proposal": ("pricing", "proposal", "security review", "implementation plan", "references"),
    "negotiation": ("contract terms", "discount", "legal review", "procurement", "payment terms"),
    "account": ("onboarding", "adoption", "support ticket", "quarterly review", "renewal planning"),
}
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    "identified": ("Book discovery call", "Send intro deck", "Confirm pain points"),
    "qualified": ("Schedule product demo", "Map buying committee", "Confirm budget owner"),
    "proposal": ("Send proposal", "Complete security questionnaire", "Arrange reference call"),
    "negotiation": ("Send redlines", "Finalize order form", "Align on signature date"),
    "account": ("Schedule QBR", "Share adoption report", "Follow up on ticket"),
}
# (text before the contact's first name, text after it) per interaction type
NOTE_OPENERS: dict[str, tuple[tuple[str, str], ...]] = {
    "email": (("Emailed ", " about"), ("Sent ", " a follow-up on"), ("", " replied by email about")),
    "call": (("Called ", " to discuss"), ("Phone call with ", " on"), ("Quick call with ", " about")),
    "meeting": (("Met ", " and the team to review"), ("Meeting with ", " covering"), ("Working session with ", " on")),
    "demo": (("Demo for ", ", focusing on"), ("Walked ", " through the product around"), ("Live demo with ", " on")),
}
