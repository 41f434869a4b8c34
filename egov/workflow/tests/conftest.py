from egov.workflow.tests.factories import clock

__all__ = ["clock"]
