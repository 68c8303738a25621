"""A callback's signature, encryption and corp id, through wechatpy's `WeChatCrypto`.

WeCom signs each callback with SHA1 over the sorted Token, timestamp, nonce and ciphertext,
and encrypts with AES-256-CBC under the EncodingAESKey, the corp id at the plaintext's end.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from xml.parsers.expat import ExpatError

from wechatpy.enterprise.crypto import WeChatCrypto
from wechatpy.enterprise.exceptions import InvalidCorpIdException
from wechatpy.exceptions import InvalidSignatureException

__all__ = ["BadCallback", "CallbackCrypto", "ForgedCallback", "WrongCorp"]


class BadCallback(ValueError):
    """A callback that cannot be opened: malformed XML or ciphertext."""


class ForgedCallback(BadCallback):
    """The msg_signature does not match: not from WeCom, or not for our Token."""


class WrongCorp(BadCallback):
    """Signed and decrypted, but for another corp id than ours."""


class CallbackCrypto:
    """Opens WeCom's callbacks for one app (and seals them, as WeCom does, for tests)."""

    __slots__ = ("_crypto",)

    def __init__(self, *, token: str, aes_key: str, corp_id: str) -> None:
        """Keep the app's Token, EncodingAESKey (43 characters) and corp id; never shown."""
        self._crypto = WeChatCrypto(token, aes_key, corp_id)

    def __repr__(self) -> str:
        return "CallbackCrypto(***)"

    def echo(self, *, signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """The plaintext of a URL verification's `echostr`, once its signature is checked."""
        return self._open(
            lambda: self._crypto.check_signature(signature, timestamp, nonce, echostr)
        )

    def open(self, body: str, *, signature: str, timestamp: str, nonce: str) -> str:
        """The XML message inside a POSTed callback body, once signature and corp id pass."""
        return self._open(lambda: self._crypto.decrypt_message(body, signature, timestamp, nonce))

    def seal(self, xml: str, *, nonce: str, timestamp: str) -> str:
        """An encrypted, signed callback body for `xml`, as WeCom would post it."""
        return self._crypto.encrypt_message(xml, nonce, timestamp)

    @staticmethod
    def _open(call: Callable[[], str]) -> str:
        try:
            return call()
        except InvalidSignatureException:
            raise ForgedCallback("msg_signature 不符") from None
        except InvalidCorpIdException:
            raise WrongCorp("CorpID 不符") from None
        # wechatpy reads the body with xmltodict (expat) and the plaintext with struct and
        # base64; a signed but broken body surfaces as one of these.
        except (
            ExpatError,
            KeyError,
            TypeError,
            ValueError,
            IndexError,
            struct.error,
        ) as e:
            raise BadCallback(f"无法解析回调（{type(e).__name__}）") from None
