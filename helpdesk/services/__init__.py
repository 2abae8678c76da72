"""The domain: functions that take a session and return models or plain data."""
