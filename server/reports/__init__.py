"""Clinician reports and data exchange: PDF report, FHIR bundle, CSV export and import."""
