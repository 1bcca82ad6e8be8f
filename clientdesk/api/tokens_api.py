"""What a token can tell about itself: a client checks its token and scopes with one call."""

from datetime import datetime

from ninja import Router, Schema

from clientdesk.api import tokens
from clientdesk.api.auth import any_token
from clientdesk.api.errors import ERRORS

router = Router(tags=["Tokens"])


class TokenOut(Schema):
    name: str
    kind: str
    scopes: list[str]
    expires_at: datetime


@router.get(
    "/me",
    response={200: TokenOut, **ERRORS},
    auth=any_token(),
    summary="The calling token",
    operation_id="token_me",
)
def token_me(request):
    token = tokens.calling(request)
    return {
        "name": token.name,
        "kind": token.kind,
        "scopes": token.scopes,
        "expires_at": token.expires_at,
    }
