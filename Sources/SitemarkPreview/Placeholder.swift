// Preview server: see issue 6.
