"""The Dash dashboard over the indicator table: `dashboard.app.create_app`, see docs/dashboard.md."""
