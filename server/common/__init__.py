"""Small pieces shared by several feature packages, each under a specific name."""
