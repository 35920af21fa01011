"""Plain helpers of the suite, with no models: import them where they are needed."""
