"""The live class: session rules (what each student sees, when a reveal happens), the round's deals, the
figures the host shows, and pre/post gains. The records live in the class store (:mod:`game.store.classdb`);
this package is the front ends' one door to it, as :mod:`game.progress` is to the progress store.
"""
