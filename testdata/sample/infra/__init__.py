"""CDK infrastructure for the Brightleaf order / invoice processing service."""
