"""Sources → catalog + index: everything that gets articles into briefbot and keeps them consistent."""
