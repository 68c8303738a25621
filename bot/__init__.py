"""分工助手 core: reads a task-allocation notice and answers who owns what; knows nothing of Telegram."""
