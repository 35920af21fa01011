"""A SOAP form service of the tests' own, on loopback: a WSDL and GetSubmissions(page,
pageSize) answering with the submissions of that page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

from tests.loopback import Serving, reply

NS = "urn:crm-practice:forms"
WSDL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
             xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
             xmlns:xsd="http://www.w3.org/2001/XMLSchema"
             xmlns:tns="{ns}" targetNamespace="{ns}">
  <types>
    <xsd:schema targetNamespace="{ns}" elementFormDefault="qualified">
      <xsd:complexType name="Submission">
        <xsd:sequence>
          <xsd:element name="id" type="xsd:string"/>
          <xsd:element name="name" type="xsd:string" minOccurs="0"/>
          <xsd:element name="email" type="xsd:string" minOccurs="0"/>
          <xsd:element name="phone" type="xsd:string" minOccurs="0"/>
          <xsd:element name="message" type="xsd:string" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:element name="GetSubmissions">
        <xsd:complexType><xsd:sequence>
          <xsd:element name="page" type="xsd:int"/>
          <xsd:element name="pageSize" type="xsd:int"/>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
      <xsd:element name="GetSubmissionsResponse">
        <xsd:complexType><xsd:sequence>
          <xsd:element name="submission" type="tns:Submission" minOccurs="0" maxOccurs="unbounded"/>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
    </xsd:schema>
  </types>
  <message name="GetSubmissionsIn">
    <part name="parameters" element="tns:GetSubmissions"/>
  </message>
  <message name="GetSubmissionsOut">
    <part name="parameters" element="tns:GetSubmissionsResponse"/>
  </message>
  <portType name="FormsPort">
    <operation name="GetSubmissions">
      <input message="tns:GetSubmissionsIn"/><output message="tns:GetSubmissionsOut"/>
    </operation>
  </portType>
  <binding name="FormsBinding" type="tns:FormsPort">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="GetSubmissions">
      <soap:operation soapAction="GetSubmissions"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
    </operation>
  </binding>
  <service name="Forms">
    <port name="FormsPort" binding="tns:FormsBinding"><soap:address location="{url}/soap"/></port>
  </service>
</definitions>
"""


FAULT = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Form service is down for "
    "maintenance</faultstring></soap:Fault></soap:Body></soap:Envelope>"
)


class SoapFormService:
    def __init__(self) -> None:
        self.submissions: list[dict] = []
        self.wsdl_requests = 0
        self.calls = 0
        #: "fault" answers a SOAP Fault, "transport" a 503 plain-text page (zeep's Fault and
        #: TransportError)
        self.failure: str | None = None
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                service.wsdl_requests += 1
                self._reply(WSDL.format(ns=NS, url=service.url).encode(), "text/xml")

            def do_POST(self) -> None:
                service.calls += 1
                if service.failure == "fault":
                    reply(self, 500, FAULT.encode(), "text/xml; charset=utf-8")
                    return
                if service.failure == "transport":
                    reply(self, 503, b"Service Unavailable: try again later", "text/plain")
                    return
                body = ET.fromstring(self.rfile.read(int(self.headers["Content-Length"])))
                page = int(body.find(f".//{{{NS}}}page").text)
                size = int(body.find(f".//{{{NS}}}pageSize").text)
                rows = service.submissions[(page - 1) * size : page * size]
                self._reply(service.envelope(rows).encode(), "text/xml; charset=utf-8")

            def _reply(self, data: bytes, content_type: str) -> None:
                reply(self, 200, data, content_type)

            def log_message(self, *args) -> None:
                pass

        self.serving = Serving(Handler)
        self.url = self.serving.url
        self.wsdl = f"{self.url}/forms?wsdl"

    @staticmethod
    def envelope(rows: list[dict]) -> str:
        items = "".join(
            "<tns:submission>"
            + "".join(f"<tns:{k}>{escape(str(v))}</tns:{k}>" for k, v in row.items())
            + "</tns:submission>"
            for row in rows
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
            f'xmlns:tns="{NS}"><soap:Body><tns:GetSubmissionsResponse>{items}'
            "</tns:GetSubmissionsResponse></soap:Body></soap:Envelope>"
        )

    def close(self) -> None:
        self.serving.close()
