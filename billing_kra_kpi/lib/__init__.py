"""Plain-Python KPI arithmetic, without ORM access, so that it can be unit
tested without a database."""
