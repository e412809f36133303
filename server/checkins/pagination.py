"""Paging the check-in list (a SQLAlchemy select) for flask-smorest's @blp.paginate()."""
from flask_smorest import abort
from sqlalchemy import func, select

from server.extensions import db


# Larger offsets overflow PostgreSQL's bigint and make no sense for a person's diary.
MAX_OFFSET = 10**9


def paginate_query(query, pagination_parameters, view):
    """Run one page of `query`, set the total for the X-Pagination header, map rows by `view`."""
    if pagination_parameters.first_item > MAX_OFFSET:
        abort(422, message="Page out of range.", errors={"page": ["Too large."]})
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    pagination_parameters.item_count = total
    page = db.session.execute(
        query.limit(pagination_parameters.page_size)
        .offset(pagination_parameters.first_item)
    ).scalars()
    return [view(row) for row in page]
