"""The embedded backend: llama.cpp in process, no server, no network."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from grader.backends.base import Completion, Message, Settings, Usage
from grader.backends.model_files import MODEL_NAME, ensure_model
from grader.errors import BackendError, ModelUnavailableError

DEFAULT_CONTEXT_TOKENS = 8192


class LocalBackend:
    """Runs a GGUF model with llama-cpp-python.

    Calls are serialised by a lock: one model, one context. llama.cpp keeps the evaluated
    tokens of the previous call and reuses the longest shared prefix, so prompts that start
    with the same system message and transcript only pay for their new tail.
    """

    name = "local"

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        context_tokens: int = DEFAULT_CONTEXT_TOKENS,
        threads: int | None = None,
    ) -> None:
        try:
            import llama_cpp
        except ImportError:
            raise ModelUnavailableError(
                "llama-cpp-python is not installed",
                hint="Run: pip install 'transcript-grader[local]'",
            ) from None
        path = Path(model_path) if model_path else ensure_model()
        if not path.is_file():
            raise ModelUnavailableError(f"{path}: model file not found", hint="Check --model-path")
        self.model = MODEL_NAME if model_path is None else path.stem
        self.path = path
        self.context_tokens = context_tokens
        self._lock = threading.Lock()
        try:
            self._llm = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=context_tokens,
                n_threads=threads or os.cpu_count() or 2,
                n_batch=512,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise ModelUnavailableError(
                f"{path}: llama.cpp cannot load the model ({exc})",
                hint="Check that the file is a GGUF model",
            ) from None

    def complete(
        self, messages: list[Message], schema: dict[str, Any], settings: Settings
    ) -> Completion:
        """Generate an answer constrained by a grammar built from ``schema``."""
        with self._lock:
            try:
                response: Any = self._llm.create_chat_completion(
                    messages=messages,  # type: ignore[arg-type]
                    response_format={"type": "json_object", "schema": schema},
                    max_tokens=settings.max_tokens,
                    temperature=settings.temperature,
                    seed=settings.seed,
                )
            except ValueError as exc:
                # llama-cpp-python raises ValueError when the prompt exceeds the context.
                raise BackendError(f"local model rejected the request: {exc}") from None
        choice = response["choices"][0]
        raw_usage = response.get("usage") or {}
        usage = Usage(
            prompt_tokens=int(raw_usage.get("prompt_tokens", 0)),
            completion_tokens=int(raw_usage.get("completion_tokens", 0)),
            calls=1,
        )
        return Completion(
            text=choice["message"].get("content") or "",
            finish_reason=choice.get("finish_reason") or "stop",
            usage=usage,
            model=self.model,
        )

    def count_tokens(self, text: str) -> int:
        """Count tokens with the model's own tokenizer."""
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def describe(self) -> dict[str, Any]:
        """Return the model name and file."""
        return {"backend": self.name, "model": self.model, "model_file": self.path.name}
