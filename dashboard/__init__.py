"""Domain core of the Observatoire des tiers-lieux d'Occitanie (no Dash import here)."""
