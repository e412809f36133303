"""Routes for /api/imports: upload a health export in chunks, follow its reading, undo it."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from server.accounts.auth import auth_required, current_user
from server.common.time import utcnow
from server.health_import import service
from server.health_import.schemas import ChunkQuerySchema, ImportCreateSchema, ImportSchema

blp = Blueprint("health_import", __name__, url_prefix="/api/imports",
                description="Importing sleep and activity from a phone's or watch's health export")

_OCTETS = {"required": True, "content": {"application/octet-stream": {
    "schema": {"type": "string", "format": "binary"}}}}


@blp.route("")
class Imports(MethodView):
    @auth_required
    @blp.response(200, ImportSchema(many=True))
    def get(self):
        """The person's imports, newest first."""
        return [service.view(r) for r in service.list_imports(current_user().id)]

    @auth_required
    @blp.arguments(ImportCreateSchema())
    @blp.response(201, ImportSchema())
    def post(self, body):
        """Start uploading an export of `size` bytes; send it with PUT …/content."""
        return service.view(service.start_import(current_user().id, body["filename"], body["size"], utcnow()))


@blp.route("/<uuid:import_id>")
class ImportById(MethodView):
    @auth_required
    @blp.response(200, ImportSchema())
    def get(self, import_id):
        """One import: bytes received, reading progress, and what it added."""
        return service.view(service.get_import(current_user().id, str(import_id), utcnow()))

    @auth_required
    @blp.response(204)
    def delete(self, import_id):
        """Cancel an upload, or remove a failed or undone import from the list."""
        service.delete_import(current_user().id, str(import_id))


@blp.route("/<uuid:import_id>/content")
class ImportContent(MethodView):
    @auth_required
    @blp.arguments(ChunkQuerySchema(), location="query")
    @blp.doc(requestBody=_OCTETS)
    @blp.response(200, ImportSchema())
    def put(self, query, import_id):
        """Send the file's bytes from `offset` on (at most `chunk_size` at a time)."""
        data = request.get_data(cache=False)
        return service.view(service.receive_chunk(current_user().id, str(import_id),
                                                  query["offset"], data, utcnow()))


@blp.route("/<uuid:import_id>/finish")
class ImportFinish(MethodView):
    @auth_required
    @blp.response(200, ImportSchema(), description="Read and saved")
    @blp.alt_response(202, schema=ImportSchema(), description="Still being read; follow it with GET")
    @blp.alt_response(422, description="The file cannot be read (the message says why); nothing was saved")
    def post(self, import_id):
        """Read the uploaded export and add what it holds."""
        record = service.finish_upload(current_user().id, str(import_id), utcnow())
        if record.state == "failed":
            abort(422, message=record.error, errors={"file": [record.error]})
        return service.view(record), 200 if record.state in ("done", "undone") else 202


@blp.route("/<uuid:import_id>/undo")
class ImportUndo(MethodView):
    @auth_required
    @blp.response(200, ImportSchema())
    def post(self, import_id):
        """Take back everything this import added."""
        return service.view(service.undo_import(current_user().id, str(import_id), utcnow()))
