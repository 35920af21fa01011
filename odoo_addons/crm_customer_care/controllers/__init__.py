from . import portal, promise
