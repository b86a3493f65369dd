"""Reading users' own registry files (CSV, XLSX, ODS, GeoJSON) into the canonical schema."""
