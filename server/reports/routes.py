"""Routes: the clinician PDF, CSV and FHIR exports, and CSV import with a column mapping."""

import json

import marshmallow as ma
from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from server.accounts.auth import auth_required, current_user
from server.common import json_body
from server.common.time import utcnow
from server.reports import service
from server.reports.schemas import (
    CsvImportResultSchema,
    CsvImportSchema,
    CsvPreviewResultSchema,
    CsvPreviewSchema,
    ReportQuerySchema,
)

blp = Blueprint("reports", __name__, url_prefix="/api", description="Reports, exports and import")


def _file(body: bytes | str, mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@blp.route("/reports/clinician.pdf")
class ClinicianReport(MethodView):
    @auth_required
    @blp.arguments(ReportQuerySchema, location="query")
    @blp.response(200, description="A PDF (application/pdf)", content_type="application/pdf")
    def get(self, query):
        """The one- or two-page clinician report for a period of local dates."""
        pdf = service.report_pdf(current_user(), query["from_"], query["to"], utcnow())
        return _file(
            pdf, "application/pdf", f"emberwise-report-{query['from_']}-to-{query['to']}.pdf"
        )


@blp.route("/export/csv")
class CsvExport(MethodView):
    @auth_required
    @blp.response(
        200, description="CSV, one row per check-in (docs/export.md)", content_type="text/csv"
    )
    def get(self):
        """Every check-in as CSV."""
        return _file(
            service.export_csv(current_user()), "text/csv; charset=utf-8", "emberwise-checkins.csv"
        )


@blp.route("/export/fhir")
class FhirExport(MethodView):
    @auth_required
    @blp.response(
        200, description="A FHIR R4 Bundle of Observations", content_type="application/fhir+json"
    )
    def get(self):
        """Pain ratings, weekly PEG-3 and labs as a FHIR R4 collection Bundle."""
        bundle = service.export_fhir(current_user(), utcnow())
        return _file(
            json.dumps(bundle, ensure_ascii=False), "application/fhir+json", "emberwise-fhir.json"
        )


def _import_body(schema: ma.Schema) -> dict:
    """The request as `schema` reads it: JSON, or multipart with a `file` and a JSON `mapping` field."""
    if request.files or request.form:
        upload = request.files.get("file")
        if upload is None:
            abort(422, errors={"file": ["Attach the CSV file as `file`."]})
        try:
            raw = {"csv": upload.read().decode("utf-8-sig")}
        except UnicodeDecodeError:
            abort(
                422,
                message="The file is not UTF-8 text.",
                errors={"file": ["The file is not UTF-8 text."]},
            )
        for key in ("mapping", "first_line"):
            if key in request.form:
                try:
                    raw[key] = json_body.loads(request.form[key])
                except json_body.JsonLimitError as exc:
                    abort(422, errors={key: [str(exc)]})
                except ValueError:
                    abort(422, errors={key: ["Not valid JSON."]})
    else:
        raw = request.get_json(silent=True)
        if not isinstance(raw, dict):
            abort(400, message="Send JSON {csv, mapping} or a multipart form with `file`.")
    try:
        return schema.load(raw)
    except ma.ValidationError as exc:
        abort(422, errors=exc.messages)


@blp.route("/import/csv/preview")
class CsvImportPreview(MethodView):
    @auth_required
    @blp.response(200, CsvPreviewResultSchema)
    def post(self):
        """Read a CSV's columns and suggest which check-in field each one fills."""
        return service.preview_csv(_import_body(CsvPreviewSchema())["csv"])


@blp.route("/import/csv")
class CsvImport(MethodView):
    @auth_required
    @blp.response(200, CsvImportResultSchema)
    def post(self):
        """Import check-ins from CSV with a {field: column} mapping; the same file twice adds nothing."""
        body = _import_body(CsvImportSchema())
        return service.import_csv(
            current_user(), body["csv"], body["mapping"], body["first_line"], utcnow()
        )
