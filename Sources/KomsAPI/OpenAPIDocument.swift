/// The OpenAPI 3.1 document of the API, served at `GET /openapi.json`.
///
/// Written by hand, and held to the route table by a test: every path and
/// method here is a route and every route is here. schemathesis runs
/// against the server with it in `make test`, and fails on any answer the
/// document does not allow.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "koms Session API",
            "version": "0.1.0",
            "description": "Sign-up, login, refresh with rotation, token checks and logout. Every request of the Session API names its client application in `x-koms-clientid`. Refusals are RFC 9457 problem details with a stable `code`. Answers to a request whose `Origin` its client allows carry `Access-Control-Allow-Origin`, `Access-Control-Expose-Headers` and `Vary: Origin`."
          },
          "paths": {
            "/user": {
              "post": {
                "operationId": "signUp",
                "summary": "Create an account",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/ClientID"
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/SignUp"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "The account exists.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Message"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/ClientRefused"
                  },
                  "409": {
                    "description": "An account with this email exists (`email_taken`).",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "application/problem+json": {
                        "schema": {
                          "$ref": "#/components/schemas/Problem"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              },
              "options": {
                "operationId": "preflightUser",
                "summary": "CORS preflight and allowed methods",
                "description": "Answered without a client id or token. The CORS headers come only when `Origin` is an origin some enabled client allows (`koms client add --origin`) and `Access-Control-Request-Method` is one of the path's methods.",
                "parameters": [
                  {
                    "name": "Origin",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "Access-Control-Request-Method",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    }
                  }
                ],
                "responses": {
                  "204": {
                    "description": "The path's methods, and CORS permission for allowed origins.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      },
                      "Allow": {
                        "description": "The path's methods.",
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Access-Control-Allow-Origin": {
                        "description": "The origin, when allowed.",
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Access-Control-Allow-Methods": {
                        "description": "The path's methods, when allowed.",
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Access-Control-Allow-Headers": {
                        "description": "`Authorization, Content-Type, x-koms-clientid, X-Request-Id`, when allowed.",
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Access-Control-Max-Age": {
                        "description": "600, when allowed.",
                        "schema": {
                          "type": "integer"
                        }
                      }
                    }
                  }
                }
              },
              "get": {
                "operationId": "readUser",
                "summary": "The account behind the access token",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/ClientID"
                  }
                ],
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The account.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/User"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/TokenRefused"
                  }
                }
              }
            },
            "/session": {
              "post": {
                "operationId": "logIn",
                "summary": "Log in",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/ClientID"
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/LogIn"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "A new session's tokens.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Tokens"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/LoginRefused"
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              },
              "options": {
                "operationId": "preflightSession",
                "summary": "CORS preflight and allowed methods",
                "description": "Answered without a client id or token. The CORS headers come only when `Origin` is an origin some enabled client allows (`koms client add --origin`) and `Access-Control-Request-Method` is one of the path's methods.",
                "parameters": [
                  {
                    "name": "Origin",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "Access-Control-Request-Method",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    }
                  }
                ],
                "responses": {
                  "204": {
                    "description": "The path's methods, and CORS permission for allowed origins.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      },
                      "Allow": {
                        "description": "The path's methods.",
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Access-Control-Allow-Origin": {
                        "description": "The origin, when allowed.",
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Access-Control-Allow-Methods": {
                        "description": "The path's methods, when allowed.",
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Access-Control-Allow-Headers": {
                        "description": "`Authorization, Content-Type, x-koms-clientid, X-Request-Id`, when allowed.",
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Access-Control-Max-Age": {
                        "description": "600, when allowed.",
                        "schema": {
                          "type": "integer"
                        }
                      }
                    }
                  }
                }
              },
              "put": {
                "operationId": "refresh",
                "summary": "Rotate the session's tokens",
                "description": "Needs the session's latest access token, expired or not, and its refresh token. Repeating a refresh within the grace period returns the same new pair; a rotated-away refresh token after that ends the session.",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/ClientID"
                  }
                ],
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/Refresh"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The new tokens.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Tokens"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/TokenRefused"
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              },
              "get": {
                "operationId": "readSession",
                "summary": "Seconds left on the access token",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/ClientID"
                  }
                ],
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The access token is valid.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/SessionStatus"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/TokenRefused"
                  }
                }
              },
              "delete": {
                "operationId": "logOut",
                "summary": "End the session",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/ClientID"
                  }
                ],
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "204": {
                    "description": "The session is over; every token of it is refused from now on.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/TokenRefused"
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              }
            },
            "/ping": {
              "get": {
                "operationId": "ping",
                "summary": "A trivial answer",
                "responses": {
                  "200": {
                    "description": "pong",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Message"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/healthz": {
              "get": {
                "operationId": "health",
                "summary": "Liveness: the process serves",
                "responses": {
                  "200": {
                    "description": "Alive.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Status"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/readyz": {
              "get": {
                "operationId": "readiness",
                "summary": "Readiness: the database answers",
                "responses": {
                  "200": {
                    "description": "Ready.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Status"
                        }
                      }
                    }
                  },
                  "503": {
                    "description": "Not ready (`not_ready`); `detail` says why.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      },
                      "Retry-After": {
                        "$ref": "#/components/headers/RetryAfter"
                      }
                    },
                    "content": {
                      "application/problem+json": {
                        "schema": {
                          "$ref": "#/components/schemas/Problem"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/metrics": {
              "get": {
                "operationId": "metrics",
                "summary": "Prometheus metrics",
                "description": "Served here unless `--metrics-address` gives it a listener of its own.",
                "responses": {
                  "200": {
                    "description": "Prometheus text exposition 0.0.4.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "text/plain": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/openapi.json": {
              "get": {
                "operationId": "openAPI",
                "summary": "This document",
                "responses": {
                  "200": {
                    "description": "The OpenAPI document.",
                    "headers": {
                      "X-Request-Id": {
                        "$ref": "#/components/headers/RequestId"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "components": {
            "responses": {
              "BadRequest": {
                "description": "The request is malformed: bad JSON, unknown or missing members, two Authorization headers or an empty or malformed bearer token, or values the rules refuse (codes `invalid_request`, `invalid_email`, `password_too_short`, `password_too_long`, `password_equals_email`, `password_too_guessable`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/RequestId"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "ClientRefused": {
                "description": "The client id is missing, unknown or disabled (`invalid_client`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/RequestId"
                  },
                  "WWW-Authenticate": {
                    "$ref": "#/components/headers/WWWAuthenticate"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "TokenRefused": {
                "description": "The client id is missing, unknown or disabled (`invalid_client`), or the token is missing, unknown, another client's, expired or revoked (`invalid_token`, `token_expired`, `session_expired`, `session_revoked`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/RequestId"
                  },
                  "WWW-Authenticate": {
                    "$ref": "#/components/headers/WWWAuthenticate"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "LoginRefused": {
                "description": "The client id is missing, unknown or disabled (`invalid_client`), or the email or password is wrong (`invalid_credentials`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/RequestId"
                  },
                  "WWW-Authenticate": {
                    "$ref": "#/components/headers/WWWAuthenticate"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "PayloadTooLarge": {
                "description": "The body is larger than the server accepts (`payload_too_large`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/RequestId"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "UnsupportedMediaType": {
                "description": "The body is not UTF-8 `application/json` (`unsupported_media_type`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/RequestId"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "TooManyRequests": {
                "description": "Too many failed logins for the email (`too_many_attempts`) or too many requests from the address (`too_many_requests`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/RequestId"
                  },
                  "Retry-After": {
                    "$ref": "#/components/headers/RetryAfter"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "Unavailable": {
                "description": "The database cannot serve now (`unavailable`) or too many logins wait for a hashing thread (`overloaded`).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/RequestId"
                  },
                  "Retry-After": {
                    "$ref": "#/components/headers/RetryAfter"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            },
            "parameters": {
              "ClientID": {
                "name": "x-koms-clientid",
                "in": "header",
                "required": true,
                "description": "The id of the client application, from `koms client add`.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "securitySchemes": {
              "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "The access token (RFC 6750)."
              }
            },
            "headers": {
              "RequestId": {
                "description": "The request's id, as in the server's log: the request's own `X-Request-Id` when well formed, else a new one.",
                "schema": {
                  "type": "string"
                }
              },
              "WWWAuthenticate": {
                "description": "The Bearer challenge of RFC 6750.",
                "schema": {
                  "type": "string"
                }
              },
              "RetryAfter": {
                "description": "Seconds to wait before trying again.",
                "schema": {
                  "type": "integer",
                  "minimum": 0
                }
              }
            },
            "schemas": {
              "SignUp": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "email",
                  "password"
                ],
                "properties": {
                  "email": {
                    "type": "string",
                    "format": "email",
                    "maxLength": 254,
                    "description": "Trimmed; unique regardless of case; at most 254 bytes."
                  },
                  "password": {
                    "type": "string",
                    "minLength": 8,
                    "description": "At least 8 code points, at most 1024 bytes of UTF-8, not the email, and not among the passwords attackers try first (common leaked passwords and simple variations, repeated or consecutive characters, the email or the service's name with little else)."
                  },
                  "account_type": {
                    "type": "string",
                    "enum": [
                      "traditional"
                    ]
                  }
                }
              },
              "LogIn": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "account_type",
                  "email",
                  "password"
                ],
                "properties": {
                  "account_type": {
                    "type": "string",
                    "enum": [
                      "traditional"
                    ]
                  },
                  "email": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 254,
                    "description": "Trimmed and compared without regard to case. One that no sign-up accepts (empty, over 254 bytes, or with spaces or control characters inside) answers 400 `invalid_email` before any password is checked."
                  },
                  "password": {
                    "type": "string"
                  }
                }
              },
              "Refresh": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "refresh_token"
                ],
                "properties": {
                  "refresh_token": {
                    "type": "string"
                  }
                }
              },
              "Tokens": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "access_token",
                  "refresh_token",
                  "access_token_expires_in"
                ],
                "properties": {
                  "access_token": {
                    "type": "string",
                    "description": "32 random bytes, base64url."
                  },
                  "refresh_token": {
                    "type": "string",
                    "description": "The session's 16-byte family key and 32 random bytes, base64url."
                  },
                  "access_token_expires_in": {
                    "type": "integer",
                    "minimum": 0
                  }
                }
              },
              "SessionStatus": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "access_token_expires_in"
                ],
                "properties": {
                  "access_token_expires_in": {
                    "type": "integer",
                    "minimum": 0
                  }
                }
              },
              "User": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "id",
                  "email"
                ],
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "email": {
                    "type": "string"
                  }
                }
              },
              "Message": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "message"
                ],
                "properties": {
                  "message": {
                    "type": "string"
                  }
                }
              },
              "Status": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "status"
                ],
                "properties": {
                  "status": {
                    "type": "string",
                    "enum": [
                      "ok",
                      "ready"
                    ]
                  }
                }
              },
              "Problem": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "title",
                  "status",
                  "detail",
                  "code"
                ],
                "description": "RFC 9457 problem details; `type` is left out, which means about:blank.",
                "properties": {
                  "title": {
                    "type": "string"
                  },
                  "status": {
                    "type": "integer"
                  },
                  "detail": {
                    "type": "string"
                  },
                  "code": {
                    "type": "string"
                  }
                }
              }
            }
          }
        }
        """#

    static let bytes = Array(json.utf8)
}
