"""Live chat over Socket.IO: the namespace and what it announces."""
