"""The ten tables of the contract, column by column, with their meaning and foreign keys.

Example:
    >>> TABLES["opportunities"].column("customer_id").references
    'customers.customer_id'
"""

from __future__ import annotations

from salesgen.contract.kinds import Column, Kind, Table


def _c(name: str, kind: Kind, doc: str, nullable: bool = False, ref: str | None = None) -> Column:
    return Column(name, kind, doc, nullable, ref)


K = Kind

PRODUCTS = Table(
    "products",
    1,
    "A sellable item of the vendor's catalog.",
    (
        _c("product_id", K.ID, "Primary key."),
        _c("sku", K.STRING, "Stock-keeping unit, unique, e.g. SW-ANL-0003."),
        _c("name", K.STRING, "Product name."),
        _c("category", K.STRING, "Software, Hardware, Services or Consulting."),
        _c("subcategory", K.STRING, "Finer product line within the category."),
        _c("description", K.STRING, "One-sentence marketing description."),
        _c("list_price", K.MONEY, "Price per unit before any discount."),
        _c("currency", K.STRING, "ISO 4217 code of list_price."),
        _c("pricing_model", K.STRING, "subscription, one-time, per-hour or per-unit."),
        _c("unit", K.STRING, "What one unit is: seat/year, device, hour, project…"),
        _c("features", K.STRING_LIST, "Headline features."),
        _c("customization_options", K.STRING_LIST, "Options a buyer may add to a line item."),
        _c("launch_date", K.DATE, "Date the product became available."),
        _c("is_active", K.BOOL, "Still sold; inactive products appear on no new deal."),
    ),
    run_scope=True,
)

DISCOUNT_TIERS = Table(
    "discount_tiers",
    2,
    "Quantity discount of a product: a floor on discount_pct.",
    (
        _c("discount_tier_id", K.ID, "Primary key: product_id * 10 + tier number."),
        _c("product_id", K.ID, "The product.", ref="products.product_id"),
        _c("min_quantity", K.INT, "Smallest quantity of the tier (inclusive)."),
        _c("max_quantity", K.INT, "Largest quantity of the tier (inclusive); null for the top tier.", True),
        _c("discount_pct", K.PERCENT, "Minimum discount for this quantity, 0..1."),
    ),
    run_scope=True,
)

COMPETITORS = Table(
    "competitors",
    3,
    "A rival vendor met on deals.",
    (
        _c("competitor_id", K.ID, "Primary key."),
        _c("name", K.STRING, "Company name, unique."),
        _c("domain", K.STRING, "Web domain."),
        _c("price_position", K.STRING, "premium, parity or discount."),
        _c("strengths", K.STRING_LIST, "What buyers cite in its favour."),
        _c("headquarters_country", K.STRING, "ISO 3166-1 alpha-2 code."),
    ),
    run_scope=True,
)

SALES_REPS = Table(
    "sales_reps",
    4,
    "A seller; metrics are a reduce over the generated deals.",
    (
        _c("rep_id", K.ID, "Primary key."),
        _c("first_name", K.STRING, "Given name."),
        _c("last_name", K.STRING, "Family name."),
        _c("email", K.STRING, "Work email on the seller's domain, unique."),
        _c("phone", K.STRING, "Phone number in the format of the rep's country."),
        _c(
            "title",
            K.STRING,
            "SDR, Account Executive, Senior Account Executive, Enterprise Account Executive, "
            "Sales Manager or Regional Director.",
        ),
        _c("manager_id", K.ID, "The rep's manager; null for the top of the tree.", True, "sales_reps.rep_id"),
        _c("team", K.STRING, "Team name: territory and segment."),
        _c("segment", K.STRING, "Customer size the rep sells to: small, medium or enterprise."),
        _c("territories", K.STRING_LIST, "Sales territories covered: North America, EMEA, APAC, LATAM."),
        _c("expertise", K.STRING_LIST, "Industries the rep knows best."),
        _c("hire_date", K.DATE, "First day at the seller."),
        _c(
            "annual_quota", K.MONEY, "Bookings target for the 365 days ending at as_of; 0 for reps who own no accounts."
        ),
        _c("country", K.STRING, "ISO 3166-1 alpha-2 code of the rep's office."),
        _c("nationality", K.STRING, "ISO 3166-1 alpha-2 code of citizenship."),
        _c("languages", K.STRING_LIST, "ISO 639-1 codes, strongest first."),
        _c("timezone", K.STRING, "IANA time zone of the rep's office."),
        _c(
            "quota_attainment",
            K.FLOAT,
            "Won amount in the 365 days ending at as_of / annual_quota, 4 decimals; null without quota.",
            True,
        ),
        _c("avg_deal_size", K.MONEY, "Mean amount of won deals; null without wins.", True),
        _c("win_rate", K.FLOAT, "deals_won / (deals_won + deals_lost), 4 decimals; null without closed deals.", True),
        _c(
            "avg_sales_cycle_days",
            K.FLOAT,
            "Mean days from created_at to closed_at of won deals, 1 decimal; null without wins.",
            True,
        ),
        _c("deals_won", K.INT, "Deals owned and won."),
        _c("deals_lost", K.INT, "Deals owned and lost."),
        _c("open_pipeline", K.MONEY, "Sum of amounts of owned open deals."),
    ),
    run_scope=True,
)

CUSTOMERS = Table(
    "customers",
    5,
    "An account: a company that buys or may buy.",
    (
        _c("customer_id", K.ID, "Primary key: block * block_size + position + 1."),
        _c("name", K.STRING, "Company name."),
        _c("domain", K.STRING, "Web and email domain."),
        _c("industry", K.STRING, "Industry."),
        _c("sub_industry", K.STRING, "Finer industry."),
        _c("size", K.STRING, "small, medium or enterprise."),
        _c("employees", K.INT, "Head count, inside the size band."),
        _c("annual_revenue", K.MONEY, "Yearly revenue, consistent with employees and industry."),
        _c("country", K.STRING, "ISO 3166-1 alpha-2 code of the head office."),
        _c("region", K.STRING, "State, province or region of the head office."),
        _c("city", K.STRING, "City of the head office."),
        _c("address", K.STRING, "Street address of the head office."),
        _c("postal_code", K.STRING, "Postal code in the country's format."),
        _c("phone", K.STRING, "Switchboard number in the country's format."),
        _c("timezone", K.STRING, "IANA time zone of the head office."),
        _c("founded_year", K.INT, "Year the company was founded."),
        _c("owner_rep_id", K.ID, "Account owner.", ref="sales_reps.rep_id"),
        _c("status", K.STRING, "prospect (never bought), active or churned (lost or let lapse)."),
        _c("created_at", K.TIMESTAMP, "When the account entered the CRM."),
    ),
)

CONTACTS = Table(
    "contacts",
    6,
    "A person at a customer.",
    (
        _c("contact_id", K.ID, "Primary key: customer_id * 100 + number."),
        _c("customer_id", K.ID, "Employer.", ref="customers.customer_id"),
        _c("first_name", K.STRING, "Given name, fitting the nationality."),
        _c("last_name", K.STRING, "Family name, fitting the nationality."),
        _c("email", K.STRING, "Work email on the customer's domain, unique."),
        _c("phone", K.STRING, "Direct line in the format of the customer's country."),
        _c("title", K.STRING, "Job title."),
        _c("seniority", K.STRING, "C-level, VP, Director, Manager or Individual Contributor."),
        _c("department", K.STRING, "Department."),
        _c("buying_role", K.STRING, "decision maker, champion, influencer, user or blocker."),
        _c("nationality", K.STRING, "ISO 3166-1 alpha-2 code of citizenship."),
        _c("languages", K.STRING_LIST, "ISO 639-1 codes, strongest first."),
        _c("timezone", K.STRING, "IANA time zone the contact works in."),
        _c("created_at", K.TIMESTAMP, "When the contact entered the CRM."),
    ),
)

OPPORTUNITIES = Table(
    "opportunities",
    7,
    "A deal.",
    (
        _c("opportunity_id", K.ID, "Primary key: customer_id * 1000 + number."),
        _c("customer_id", K.ID, "The buying account.", ref="customers.customer_id"),
        _c("owner_rep_id", K.ID, "Rep who owns the deal.", ref="sales_reps.rep_id"),
        _c("primary_contact_id", K.ID, "Main contact, at the same customer.", ref="contacts.contact_id"),
        _c("name", K.STRING, "Deal name."),
        _c("type", K.STRING, "new business, upsell or renewal."),
        _c("lead_source", K.STRING, "inbound, outbound, referral, partner, event or existing customer."),
        _c("stage", K.STRING, "Current stage's name; the won or the lost stage once closed."),
        _c("is_closed", K.BOOL, "stage is the won or the lost stage."),
        _c("is_won", K.BOOL, "stage is the won stage."),
        _c("amount", K.MONEY, "Sum of the line items' total_price."),
        _c("currency", K.STRING, "ISO 4217 code of amount."),
        _c("probability", K.INT, "Win probability in percent, fixed by stage."),
        _c("expected_revenue", K.MONEY, "amount * probability / 100, rounded half up to the minor unit (cent, yen)."),
        _c("created_at", K.TIMESTAMP, "When the deal was opened."),
        _c("expected_close_date", K.DATE, "Forecast close date."),
        _c("closed_at", K.TIMESTAMP, "When it was won or lost; null while open.", True),
        _c("competitors", K.STRING_LIST, "Names of competitors met on the deal."),
        _c("primary_competitor_id", K.ID, "Main competitor; null when none.", True, "competitors.competitor_id"),
        _c("loss_reason", K.STRING, "Why it was lost; null unless lost.", True),
        _c("next_step", K.STRING, "Next planned action; empty text once closed."),
        _c("forecast_category", K.STRING, "pipeline, best case, commit, closed or omitted."),
    ),
)

LINE_ITEMS = Table(
    "opportunity_line_items",
    8,
    "A product on a deal.",
    (
        _c("line_item_id", K.ID, "Primary key: opportunity_id * 100 + number."),
        _c("opportunity_id", K.ID, "The deal.", ref="opportunities.opportunity_id"),
        _c("product_id", K.ID, "The product.", ref="products.product_id"),
        _c("quantity", K.INT, "Units, at least 1."),
        _c("list_price", K.MONEY, "The product's list price."),
        _c("discount_pct", K.PERCENT, "Discount, at least the product's tier for this quantity."),
        _c("unit_price", K.MONEY, "list_price * (1 - discount_pct), rounded half up to the minor unit (cent, yen)."),
        _c("total_price", K.MONEY, "quantity * unit_price."),
        _c("customizations", K.STRING_LIST, "Customization options chosen, from the product's list."),
    ),
)

STAGE_HISTORY = Table(
    "opportunity_stage_history",
    9,
    "One stage a deal passed through.",
    (
        _c("stage_history_id", K.ID, "Primary key: opportunity_id * 10 + step."),
        _c("opportunity_id", K.ID, "The deal.", ref="opportunities.opportunity_id"),
        _c("stage", K.STRING, "Stage name, as the scenario's pipeline.stages names it."),
        _c("entered_at", K.TIMESTAMP, "When the deal entered the stage."),
        _c("exited_at", K.TIMESTAMP, "When it left: the next step's entered_at; null for the last step.", True),
    ),
)

INTERACTIONS = Table(
    "interactions",
    10,
    "A touch: email, call, meeting or demo.",
    (
        _c("interaction_id", K.ID, "Primary key: customer_id * 100000 + number."),
        _c(
            "opportunity_id",
            K.ID,
            "The deal it was about; null for account-level touches.",
            True,
            "opportunities.opportunity_id",
        ),
        _c("customer_id", K.ID, "The account.", ref="customers.customer_id"),
        _c("contact_id", K.ID, "The person at the account.", ref="contacts.contact_id"),
        _c("rep_id", K.ID, "The seller.", ref="sales_reps.rep_id"),
        _c("type", K.STRING, "email, call, meeting or demo."),
        _c("direction", K.STRING, "inbound or outbound."),
        _c("occurred_at", K.TIMESTAMP, "When it happened."),
        _c("duration_minutes", K.INT, "Length of calls, meetings and demos; null for emails.", True),
        _c("outcome", K.STRING, "What came of it, by type: replied, connected, voicemail, held…"),
        _c("sentiment_score", K.FLOAT, "Buyer sentiment, -1..1, 2 decimals."),
        _c("sentiment", K.STRING, "negative (< -0.2), neutral or positive (> 0.2)."),
        _c("topics", K.STRING_LIST, "What was discussed."),
        _c("notes", K.STRING, "Rep's note, matching type, stage, product and competitor."),
        _c("next_steps", K.STRING, "Agreed next step; empty text when none."),
    ),
)

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        PRODUCTS,
        DISCOUNT_TIERS,
        COMPETITORS,
        SALES_REPS,
        CUSTOMERS,
        CONTACTS,
        OPPORTUNITIES,
        LINE_ITEMS,
        STAGE_HISTORY,
        INTERACTIONS,
    )
}
