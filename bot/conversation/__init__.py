"""One conversation for every channel: an event (who, where, a line, a command, a press) in,
what to do (replies with choices, edits, messages to others, files) and a typed outcome out.

`router.Conversation.handle` decides what an event means, in one order for private chats,
groups and the console; the flows beside it (questions, reports, extensions, binding,
office, supervision, files, notices, holidays, groups) do it, writing every durable change
before they return. `core` is the running bot's state, `session` what is remembered per
person, `choices` every button and its data. Knows no channel: it never sends.
"""

from bot.conversation import actions, choices, core, events, router, session

__all__ = ["actions", "choices", "core", "events", "router", "session"]
