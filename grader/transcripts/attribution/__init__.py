"""Speaker attribution: who speaks when a transcript does not say, or says only ``SPEAKER_00``.

* :mod:`.pieces` cuts lines where the speaker may change;
* :mod:`.words` reads a piece's cues (questions, prompts, first-person working) and scores
  them for diarized speakers; :mod:`.cues` adds common words and the cues between pieces,
  weighted as in :mod:`.fitted`, :mod:`.fitted_piece` and :mod:`.fitted_pairs`, for
  unlabelled lines;
* :mod:`.chain` gives every piece its probability of being the candidate's;
* :mod:`.infer` groups pieces into turns; :mod:`.diarized` maps diarized speakers to roles;
* :mod:`.overrides` reads a person's corrections; :mod:`.resolve` puts it all together for
  the loader, and :mod:`.record` is what the transcript keeps of it.
"""
