"""Annotated dependency aliases shared by every router."""

from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from app.db import get_session
from app.pagination import PageParams, page_params

# scope="function": the commit finishes before the response is sent, so a failed commit
# is an error response, not a silently lost write after a 200.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
# The same dependency as SessionDep (one session per request, see `get_session`); the name
# says the handler writes, and a write method's transaction takes the write lock at BEGIN.
WriteSessionDep = Annotated[Session, Depends(get_session, scope="function")]
PageDep = Annotated[PageParams, Depends(page_params)]
