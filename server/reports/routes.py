"""Routes: the clinician PDF, CSV and FHIR exports, and CSV import with a column mapping."""

import json

import marshmallow as ma
from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from server.accounts.auth import auth_required, current_user
from server.common import json_body
from server.common.schema import NO_NUL
from server.common.time import utcnow
from server.reports import service
from server.reports.csv_io import KINDS
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
        allowed = {"file"} | set(schema.fields) - {"csv"}
        unknown = (set(request.files) | set(request.form)) - allowed
        if unknown:
            abort(422, errors={name: ["Unknown field."] for name in sorted(unknown)})
        upload = request.files.get("file")
        text = request.form.get("file")  # a part sent without a file name is a plain field
        if upload is None and text is None:
            abort(422, errors={"file": ["Attach the CSV file as `file`."]})
        try:
            raw = {"csv": upload.read().decode("utf-8-sig") if upload else text.lstrip("\ufeff")}
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


def _documented_body(schema: type[ma.Schema], form_fields: dict, required: list[str]) -> dict:
    """The import body as OpenAPI states it: JSON, or a form upload whose JSON-valued fields
    are parts of type application/json."""
    form = {"type": "object", "required": required, "additionalProperties": False,
            "properties": {"file": {"type": "string", "contentMediaType": "text/csv", "minLength": 1,
                                    "description": "The CSV file, UTF-8."}, **form_fields}}
    json_parts = {name: {"contentType": "application/json"} for name in form_fields}
    return {"required": True, "content": {
        "application/json": {"schema": schema},
        "multipart/form-data": {"schema": form, "encoding": json_parts},
    }}


_FIRST_LINE = {"type": "integer", "minimum": 2, "maximum": 10_000_000}
_MAPPING = {"type": "object", "required": ["at"],
            "additionalProperties": {"type": "string", "minLength": 1, "pattern": NO_NUL},
            "propertyNames": {"enum": sorted(KINDS)}, "description": "As `mapping` of the JSON body."}


@blp.route("/import/csv/preview")
class CsvImportPreview(MethodView):
    @auth_required
    @blp.doc(requestBody=_documented_body(CsvPreviewSchema, {}, ["file"]))
    @blp.response(200, CsvPreviewResultSchema)
    def post(self):
        """Read a CSV's columns and suggest which check-in field each one fills."""
        return service.preview_csv(_import_body(CsvPreviewSchema())["csv"])


@blp.route("/import/csv")
class CsvImport(MethodView):
    @auth_required
    @blp.doc(requestBody=_documented_body(
        CsvImportSchema, {"mapping": _MAPPING, "first_line": _FIRST_LINE}, ["file", "mapping"]))
    @blp.response(200, CsvImportResultSchema)
    def post(self):
        """Import check-ins from CSV with a {field: column} mapping; the same file twice adds nothing."""
        body = _import_body(CsvImportSchema())
        return service.import_csv(
            current_user(), body["csv"], body["mapping"], body["first_line"], utcnow()
        )
