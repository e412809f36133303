"""Protocol tracking: lab catalogue, protocol templates, titration and safety checks."""
