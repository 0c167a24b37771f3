"""Statistics and standard reports: indicators as data, counted for any subtree and period."""
