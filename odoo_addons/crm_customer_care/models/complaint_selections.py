"""The vocabularies complaints are described with, shared by the models that use them."""

# What the complaint is about. The service KPIs (seed 003) count complaints about products
# or services apart from complaints about staff.
COMPLAINT_CATEGORIES = [
    ("product", "Product"),
    ("service", "Service"),
    ("staff", "Staff"),
    ("delivery", "Delivery"),
    ("price", "Price"),
    ("other", "Other"),
]
COMPLAINT_CHANNELS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("web", "Web Form"),
    ("portal", "Customer Portal"),
    ("in_person", "In Person"),
]
COMPLAINT_PRIORITIES = [
    ("0", "Low"),
    ("1", "Normal"),
    ("2", "High"),
    ("3", "Urgent"),
]
HIGH_PRIORITY = "2"
COMPENSATION_TYPES = [
    ("none", "None"),
    ("refund", "Refund"),
    ("replacement", "Replacement"),
    ("repair", "Repair"),
    ("voucher", "Voucher"),
    ("gift", "Gift"),
]
SLA_STATES = [
    ("none", "No Promise"),
    ("running", "Running"),
    ("breached", "Breached"),
    ("met", "Kept"),
    ("failed", "Broken"),
]
