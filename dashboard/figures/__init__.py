"""Plotly figure builders: pure functions of data."""
