"""Component trees of the dashboard (no data loading, no callbacks)."""
