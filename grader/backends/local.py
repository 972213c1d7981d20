"""The embedded backend: llama.cpp in process, no server, no network."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from grader.backends.base import Completion, Message, Settings, Usage, YesNo
from grader.backends.identity import identity_from
from grader.backends.model_files import MODEL_NAME, ensure_model
from grader.backends.yesno import NO_WORDS, YES_WORDS
from grader.errors import BackendError, ConfigError, ModelUnavailableError

# The model was trained on 32,768 tokens. 16,384 holds a 60-minute interview (about 9,000
# words) in one piece, so every question about it reuses one evaluated prefix. The key and
# value cache is sized for it (28 KiB a token by the model's shape, so up to 448 MiB);
# measured peak memory grading a 1,154-word interview went from 2,075 MiB at 8,192 tokens to
# 2,307 MiB (evals/benchmarks/grade_one.py). GRADER_CONTEXT_TOKENS overrides it.
DEFAULT_CONTEXT_TOKENS = 16_384
MIN_CONTEXT_TOKENS = 2048


def context_from_env() -> int:
    """Return ``GRADER_CONTEXT_TOKENS`` if set, else the default.

    Raises:
        ConfigError: It is not a whole number of at least 2,048.
    """
    raw = os.environ.get("GRADER_CONTEXT_TOKENS")
    if not raw:
        return DEFAULT_CONTEXT_TOKENS
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < MIN_CONTEXT_TOKENS:
        raise ConfigError(
            f"GRADER_CONTEXT_TOKENS={raw!r} is not a context size",
            hint=f"Set a whole number of tokens from {MIN_CONTEXT_TOKENS} to 32768, or unset it",
        )
    return value


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
        context_tokens: int | None = None,
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
        self.context_tokens = context_tokens or context_from_env()
        self._lock = threading.Lock()
        try:
            self._llm = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=self.context_tokens,
                n_threads=threads or os.cpu_count() or 2,
                n_batch=512,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise ModelUnavailableError(
                f"{path}: llama.cpp cannot load the model ({exc})",
                hint="Check that the file is a GGUF model",
            ) from None
        self._yes_ids = self._first_tokens(YES_WORDS)
        self._no_ids = self._first_tokens(NO_WORDS)

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

    def yes_probability(self, messages: list[Message]) -> YesNo:
        """Read P(yes) from the logits of the first answer token; no sampling.

        The prompt is evaluated after the longest prefix already in the context (the
        transcript, for every question about the same transcript), so a question costs only
        its own tokens.
        """
        import llama_cpp
        import numpy as np

        prompt = self._format(messages)
        # Tokenized as llama-cpp-python tokenizes chat prompts, so prefixes match its calls.
        tokens = self._llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
        if len(tokens) >= self.context_tokens:
            raise BackendError(f"prompt of {len(tokens)} tokens exceeds the context")
        with self._lock:
            llm = self._llm
            cached = llm.longest_token_prefix(llm._input_ids.tolist(), tokens)
            # Re-evaluate at least the last token: its logits are the ones needed.
            keep = min(cached, len(tokens) - 1)
            if keep > 0 and llm._ctx.kv_cache_seq_rm(-1, keep, -1):
                llm.n_tokens = keep
            else:
                llm.reset()  # type: ignore[no-untyped-call]
                keep = 0
            llm.eval(tokens[keep:])
            pointer = llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1)
            logits = np.ctypeslib.as_array(pointer, shape=(llm.n_vocab(),)).astype(np.float64)
        logits -= logits.max()
        probs = np.exp(logits)
        probs /= probs.sum()
        yes = float(probs[self._yes_ids].sum())
        no = float(probs[self._no_ids].sum())
        mass = yes + no
        usage = Usage(prompt_tokens=len(tokens), cached_tokens=keep, calls=1)
        return YesNo(yes / mass if mass > 0 else 0.5, mass, "logprobs", usage)

    def _format(self, messages: list[Message]) -> str:
        from llama_cpp import llama_chat_format

        if not hasattr(self, "_formatter"):
            llm = self._llm
            template = llm.metadata.get("tokenizer.chat_template")
            if not template:
                raise BackendError(f"{self.path}: the model has no chat template")
            eos, bos = llm.token_eos(), llm.token_bos()
            self._formatter = llama_chat_format.Jinja2ChatFormatter(
                template=template,
                eos_token=llm._model.token_get_text(eos) if eos != -1 else "",
                bos_token=llm._model.token_get_text(bos) if bos != -1 else "",
            )
        prompt: str = self._formatter(messages=messages).prompt  # type: ignore[arg-type]
        return prompt

    def _first_tokens(self, words: tuple[str, ...]) -> list[int]:
        ids = {self._llm.tokenize(w.encode(), add_bos=False, special=False)[0] for w in words}
        return sorted(ids)

    def count_tokens(self, text: str) -> int:
        """Count tokens with the model's own tokenizer."""
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def identity(self) -> str | None:
        """Return what the loaded GGUF is (:mod:`grader.backends.identity`)."""
        found = self._llm._model  # llama-cpp-python keeps the loaded model here
        return identity_from(
            {
                "n_params": found.n_params(),
                "size": found.size(),
                "n_vocab": found.n_vocab(),
                "n_embd": found.n_embd(),
            }
        )

    def describe(self) -> dict[str, Any]:
        """Return the model name and file (a response cache keys answers by these)."""
        return {"backend": self.name, "model": self.model, "model_file": self.path.name}
