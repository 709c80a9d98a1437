"""What comes in: the build from the transcribed sources (data/raw), the readers of a user's files and
their limits, own figures, DUO files, onderwijsregio definitions, brontabellen and the boundary refresh. The top
room: it may import publish, store and model, and no room imports it."""
