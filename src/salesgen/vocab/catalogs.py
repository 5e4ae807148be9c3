"""Built-in product catalogs: what a software vendor, a SaaS seller and an industrial distributor sell.

A catalog is a list of product lines (a subcategory of one of the contract's four categories).
Each line knows its pricing model and unit, a list-price range in USD, its product names and
variants (editions, sizes, plans), its own features and customization options, a description
lead and, optionally, its quantity-discount ladder — so a tablet never lists a rack-mount kit
and a bolt is sold by the box with volume tiers. Plain constants, versioned with salesgen.

Example:
    >>> sorted(CATALOGS)
    ['industrial', 'saas', 'software']
    >>> {line.category for line in CATALOGS["industrial"].lines} == {"Software", "Hardware", "Services", "Consulting"}
    True
"""

from __future__ import annotations

from dataclasses import dataclass

Ladder = tuple[tuple[int, ...], tuple[int, ...]]  # (tier lower bounds, discounts in basis points)


@dataclass(frozen=True)
class ProductLine:
    """One subcategory of a catalog and everything its products share."""

    category: str
    subcategory: str
    pricing_model: str
    unit: str
    price: tuple[float, float]  # list price range per unit, USD
    names: tuple[str, ...]
    variants: tuple[str, ...]
    features: tuple[str, ...]
    customizations: tuple[str, ...]
    lead: str  # the description's first sentence
    ladder: Ladder | None = None  # None: the pricing model's default ladder


@dataclass(frozen=True)
class CatalogSpec:
    """A named catalog: a brand put before product names ('' for none) and its lines."""

    brand: str
    lines: tuple[ProductLine, ...]


_EDITIONS = ("Essentials", "Pro", "Enterprise", "Cloud", "Plus", "Suite", "Core", "Max", "Edge", "360")

SOFTWARE = CatalogSpec(
    "Northbeam",
    (
        ProductLine(
            "Software",
            "CRM",
            "subscription",
            "seat/year",
            (300, 1800),
            ("Pipeline", "Relate", "Accounts"),
            _EDITIONS,
            ("Single sign-on", "Custom dashboards", "Mobile app", "Workflow automation", "REST API"),
            ("Custom branding", "Sandbox environment", "Premium SLA"),
            "Customer relationship management for sales teams",
        ),
        ProductLine(
            "Software",
            "Analytics",
            "subscription",
            "seat/year",
            (400, 2400),
            ("Insight", "Metrics", "Lens"),
            _EDITIONS,
            ("Custom dashboards", "Scheduled reports", "Data export", "AI assistant", "Row-level security"),
            ("Extended retention", "Dedicated tenant"),
            "Self-service analytics on governed data",
        ),
        ProductLine(
            "Software",
            "Security",
            "subscription",
            "endpoint/year",
            (40, 220),
            ("Shield", "Sentinel", "Guard"),
            _EDITIONS,
            ("Threat detection", "Audit log", "Device isolation", "Role-based access", "Patch reporting"),
            ("EU data residency", "Extended retention"),
            "Endpoint protection managed from the cloud",
        ),
        ProductLine(
            "Software",
            "Collaboration",
            "subscription",
            "seat/year",
            (90, 600),
            ("Teamspace", "Huddle", "Canvas"),
            _EDITIONS,
            ("Shared workspaces", "Video calls", "Guest access", "Mobile app", "Single sign-on"),
            ("Custom branding", "Premium SLA"),
            "Team workspaces for documents, chat and calls",
        ),
        ProductLine(
            "Software",
            "ERP",
            "subscription",
            "seat/year",
            (900, 3600),
            ("Ledger", "Operations", "Supply"),
            _EDITIONS,
            ("General ledger", "Multi-entity consolidation", "Inventory control", "Audit log", "REST API"),
            ("Dedicated tenant", "EU data residency"),
            "Finance and operations on one ledger",
        ),
        ProductLine(
            "Hardware",
            "Servers",
            "one-time",
            "unit",
            (6000, 42000),
            ("Rack Server", "Compute Node", "Edge Server"),
            ("1U", "2U", "4U", "Dense", "GPU"),
            ("Redundant power", "Remote management", "Hot-swap drives", "TPM 2.0"),
            ("Extended warranty", "White-glove installation", "Asset tagging"),
            "Rack servers for on-premises workloads",
        ),
        ProductLine(
            "Hardware",
            "Networking",
            "one-time",
            "unit",
            (800, 18000),
            ("Switch", "Router", "Wireless Access Point"),
            ("24-port", "48-port", "Core", "Branch", "Outdoor"),
            ("Remote management", "PoE+", "Redundant power"),
            ("Extended warranty", "Custom firmware"),
            "Managed network equipment for offices and sites",
        ),
        ProductLine(
            "Hardware",
            "Storage",
            "one-time",
            "unit",
            (3000, 55000),
            ("Storage Array", "Backup Appliance", "NAS"),
            ("20 TB", "50 TB", "100 TB", "250 TB", "All-Flash"),
            ("Hot-swap drives", "Snapshots", "Remote management"),
            ("Extended warranty", "White-glove installation"),
            "Storage with built-in data protection",
        ),
        ProductLine(
            "Hardware",
            "Devices",
            "one-time",
            "device",
            (250, 2200),
            ("Tablet", "Handheld Scanner", "Thin Client"),
            ("10-inch", "Rugged", "Standard", "Pro", "Lite"),
            ("3-year warranty", "Drop-tested", "Mobile device management"),
            ("Asset tagging", "Extended warranty"),
            "Business devices, managed and ready to deploy",
        ),
        ProductLine(
            "Services",
            "Support",
            "subscription",
            "contract/year",
            (2000, 30000),
            ("Premier Care", "Assist", "Care"),
            ("Standard", "Plus", "Premium", "24/7"),
            ("Named account manager", "4-hour response SLA", "Health checks"),
            ("Weekend coverage", "Dedicated engineer"),
            "Support with guaranteed response times",
        ),
        ProductLine(
            "Services",
            "Training",
            "one-time",
            "seat",
            (400, 2500),
            ("Academy", "Enablement", "Bootcamp"),
            ("Foundations", "Administrator", "Developer", "Advanced"),
            ("Certification exam", "On-site option", "Lab access"),
            ("Custom curriculum", "Additional workshop"),
            "Instructor-led courses with hands-on labs",
        ),
        ProductLine(
            "Services",
            "Managed Services",
            "subscription",
            "site/year",
            (5000, 60000),
            ("Managed Ops", "Run", "Operate"),
            ("Standard", "Plus", "Premium"),
            ("24/7 monitoring", "Patch management", "Quarterly business review"),
            ("Custom reporting", "Dedicated engineer"),
            "We run it for you, around the clock",
        ),
        ProductLine(
            "Consulting",
            "Implementation",
            "per-hour",
            "hour",
            (150, 320),
            ("Implementation", "Deployment", "Rollout"),
            ("Services", "Package", "Sprint"),
            ("Certified architects", "Project management", "Knowledge transfer"),
            ("On-site delivery", "Accelerated timeline"),
            "Expert-led implementation to go-live",
        ),
        ProductLine(
            "Consulting",
            "Strategy",
            "per-hour",
            "hour",
            (220, 450),
            ("Advisory", "Roadmap", "Transformation"),
            ("Services", "Workshop", "Review"),
            ("Executive workshops", "Benchmarking", "Change management"),
            ("On-site delivery", "Additional workshop"),
            "Strategy advice from industry practitioners",
        ),
        ProductLine(
            "Consulting",
            "Integration",
            "per-hour",
            "hour",
            (160, 300),
            ("Integration", "Migration", "Data Bridge"),
            ("Services", "Package", "Sprint"),
            ("Fixed-scope statement of work", "Data mapping", "Post-go-live hypercare"),
            ("Accelerated timeline", "On-site delivery"),
            "Connect and migrate systems safely",
        ),
    ),
)

SAAS = CatalogSpec(
    "Northbeam",
    (
        ProductLine(
            "Software",
            "Core Plans",
            "subscription",
            "seat/year",
            (240, 1800),
            ("Sales Cloud", "Service Desk", "Marketing Hub"),
            ("Starter", "Professional", "Enterprise", "Unlimited"),
            ("Pipeline management", "Email sequences", "Custom dashboards", "Mobile app", "Workflow automation"),
            ("Sandbox environment", "Custom branding", "EU data residency"),
            "Per-seat subscription, billed annually",
            ((1, 25, 100, 500), (0, 500, 1000, 1500)),
        ),
        ProductLine(
            "Software",
            "Add-ons",
            "subscription",
            "seat/year",
            (60, 480),
            ("AI Assistant", "Advanced Analytics", "Forecasting"),
            ("Standard", "Premium"),
            ("Works inside every plan", "Admin controls", "Usage reporting"),
            ("Extended retention",),
            "Per-seat add-on to a core plan",
            ((1, 25, 100, 500), (0, 500, 1000, 1500)),
        ),
        ProductLine(
            "Software",
            "Platform",
            "subscription",
            "org/year",
            (1200, 12000),
            ("Data Storage", "File Storage", "Archive Storage"),
            ("10 GB", "100 GB", "1 TB", "Full Copy"),
            ("Pooled across the org", "Usage alerts", "Self-service upgrades"),
            ("Dedicated tenant",),
            "Org-wide capacity, billed annually",
        ),
        ProductLine(
            "Hardware",
            "Devices",
            "one-time",
            "device",
            (80, 900),
            ("Desk Phone", "Headset", "Room Kit"),
            ("Basic", "Pro", "Wireless"),
            ("Plug-and-play setup", "2-year warranty", "Remote provisioning"),
            ("Asset tagging",),
            "Certified devices that work out of the box",
        ),
        ProductLine(
            "Services",
            "Onboarding",
            "one-time",
            "package",
            (1500, 15000),
            ("Quick Start", "Guided Onboarding", "Data Migration"),
            ("Small", "Medium", "Large"),
            ("Dedicated onboarding manager", "Configuration workshop", "Go-live checklist"),
            ("Accelerated timeline",),
            "Fixed-price onboarding to first value",
        ),
        ProductLine(
            "Services",
            "Success Plans",
            "subscription",
            "contract/year",
            (2000, 30000),
            ("Premier Success", "Signature Support"),
            ("Standard", "Plus"),
            ("Named customer success manager", "1-hour critical response", "Health checks"),
            ("Weekend coverage",),
            "Success plan as a share of subscription value",
        ),
        ProductLine(
            "Services",
            "Training",
            "one-time",
            "seat",
            (200, 1500),
            ("Admin Certification", "End-User Training"),
            ("Online", "Live Virtual", "On-site"),
            ("Certification exam", "Course recordings"),
            ("Custom curriculum",),
            "Courses for admins and end users",
        ),
        ProductLine(
            "Consulting",
            "Implementation",
            "per-hour",
            "hour",
            (150, 260),
            ("Implementation Services", "Integration Services", "Solution Architecture"),
            ("Remote", "On-site"),
            ("Certified consultants", "Agile delivery", "Knowledge transfer"),
            ("On-site delivery",),
            "Hourly expert services for complex rollouts",
        ),
    ),
)

INDUSTRIAL = CatalogSpec(
    "",
    (
        ProductLine(
            "Hardware",
            "Fasteners",
            "one-time",
            "box of 100",
            (12, 90),
            ("Hex Cap Screw", "Socket Head Cap Screw", "Flange Nut", "Threaded Rod"),
            ("M6", "M8", "M10", "M12", "M16", "1/4-20", "3/8-16", "1/2-13"),
            ("Zinc-plated steel", "Property class 8.8", "RoHS compliant", "ISO 4017", "Lot traceability"),
            ("Kanban bin labels", "Certificate of conformity", "Custom packaging"),
            "Industrial fasteners, sold by the box",
            ((1, 10, 50, 200), (0, 300, 700, 1200)),
        ),
        ProductLine(
            "Hardware",
            "Bearings & Power Transmission",
            "one-time",
            "unit",
            (15, 450),
            ("Deep Groove Ball Bearing", "Tapered Roller Bearing", "Pillow Block Bearing", "V-Belt"),
            ("6204", "6205", "6206", "6308", "32008", "UCP205", "A42", "B55"),
            ("OEM interchangeable", "From stock", "Batch traceability", "Same-day dispatch"),
            ("Certificate of conformity", "Custom packaging"),
            "Bearings and drive components from stock",
            ((1, 10, 50, 250), (0, 300, 600, 1000)),
        ),
        ProductLine(
            "Hardware",
            "Hydraulics & Pneumatics",
            "one-time",
            "unit",
            (25, 900),
            ("Hydraulic Hose Assembly", "Pneumatic Cylinder", "Solenoid Valve", "Quick Coupler"),
            ("1/4 in", "3/8 in", "1/2 in", "3/4 in", "32 mm bore", "50 mm bore", "24 V DC", "230 V AC"),
            ("Pressure-tested", "OEM interchangeable", "Batch traceability", "Same-day dispatch"),
            ("Custom length", "Pressure test certificate"),
            "Fluid power components, tested before dispatch",
            ((1, 10, 50, 200), (0, 300, 600, 1000)),
        ),
        ProductLine(
            "Hardware",
            "Electrical & Automation",
            "one-time",
            "unit",
            (12, 600),
            ("Contactor", "Inductive Proximity Sensor", "Miniature Circuit Breaker", "Terminal Block Pack"),
            ("9 A", "18 A", "32 A", "M12", "M18", "2-pole", "3-pole", "10-pack"),
            ("IEC and UL approved", "DIN-rail mount", "From stock", "Same-day dispatch"),
            ("Pre-wired assembly", "Custom labeling"),
            "Control and automation components",
            ((1, 10, 50, 200), (0, 300, 600, 1000)),
        ),
        ProductLine(
            "Hardware",
            "Safety & MRO",
            "one-time",
            "case",
            (40, 400),
            ("Safety Glasses", "Cut-Resistant Gloves", "Ear Plugs", "Spill Kit"),
            ("Clear", "Tinted", "Size M", "Size L", "Size XL", "200-pair", "Oil-only", "Universal"),
            ("CE marked", "Bulk case pricing", "Site vending compatible", "Same-day dispatch"),
            ("Company logo print", "Vending machine stocking"),
            "Personal protective equipment and MRO supplies",
            ((1, 5, 20, 100), (0, 400, 800, 1200)),
        ),
        ProductLine(
            "Hardware",
            "Maintenance Kits",
            "one-time",
            "kit",
            (150, 2500),
            ("Pump Rebuild Kit", "Conveyor Maintenance Kit", "Gearbox Service Kit", "Seal Replacement Kit"),
            ("Size A", "Size B", "Size C", "Heavy Duty"),
            ("All parts in one box", "Exploded-view instructions", "OEM-equivalent parts"),
            ("Custom kit contents", "Kitting by work order"),
            "Everything a planned repair needs, in one kit",
            ((1, 5, 20), (0, 400, 800)),
        ),
        ProductLine(
            "Services",
            "Service Contracts",
            "subscription",
            "site/year",
            (1500, 40000),
            ("Preventive Maintenance Plan", "Breakdown Response Plan", "Vendor-Managed Inventory"),
            ("Bronze", "Silver", "Gold", "Platinum"),
            ("Scheduled site visits", "4-hour breakdown response", "Consignment stock on site", "Usage reporting"),
            ("Weekend coverage", "Dedicated technician"),
            "Annual service contract per site",
        ),
        ProductLine(
            "Services",
            "Calibration & Repair",
            "one-time",
            "job",
            (90, 1500),
            ("Torque Tool Calibration", "Pressure Gauge Calibration", "Motor Rewind", "Pump Repair"),
            ("Standard", "Express", "On-site"),
            ("ISO 17025 accredited", "Certificate included", "Collection and return"),
            ("Express turnaround",),
            "Calibration and repair by certified technicians",
            ((1, 10, 50), (0, 500, 1000)),
        ),
        ProductLine(
            "Software",
            "Procurement Portal",
            "subscription",
            "user/year",
            (120, 600),
            ("Ordering Portal", "Inventory Tracker"),
            ("Standard", "Plus", "Enterprise"),
            ("Punch-out catalogs", "Approval workflows", "Spend reporting"),
            ("ERP integration",),
            "Online ordering with your negotiated prices",
        ),
        ProductLine(
            "Consulting",
            "Application Engineering",
            "per-hour",
            "hour",
            (110, 220),
            ("Application Engineering", "Plant Survey", "Lubrication Audit"),
            ("Remote", "On-site"),
            ("Certified engineers", "Written report", "Parts rationalization"),
            ("Travel included",),
            "Engineering advice on your line",
        ),
    ),
)

CATALOGS: dict[str, CatalogSpec] = {"software": SOFTWARE, "saas": SAAS, "industrial": INDUSTRIAL}
