"""The Advisory Council's workspace (issue 8, item 5): its members read every agency's comments
and answers, filter and search them, tag them, rank them by priority, keep notes shared within
the Council, and publish independent opinions on consultations. Rules: consultations.access."""
