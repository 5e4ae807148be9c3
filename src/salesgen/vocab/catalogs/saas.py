"""The SaaS seller's catalog: plans, seats, add-ons and success plans (the smb-saas preset).

Example:
    >>> len(SAAS.lines) > 5
    True
"""

from __future__ import annotations

from salesgen.vocab.catalogs.spec import CatalogSpec, ProductLine

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
