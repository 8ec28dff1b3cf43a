"""The dashboard's pages, one module each; every module has `layout(live, lang)` (its part of the
page) and `register(app, live)` (its callbacks). `dashboard.app.create_app` assembles them."""
