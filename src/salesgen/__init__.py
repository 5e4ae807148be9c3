"""salesgen."""
