"""Questions → answers: retrieve passages, use their statement labels, compose a cited answer."""
