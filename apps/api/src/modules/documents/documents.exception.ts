import { DomainException } from '../../common/domain.exception';
import { CURSOR_MESSAGES, type CursorProblem } from './document-cursor';

export enum DocumentsExceptionCode {
  NotFound = 'DOCUMENT_NOT_FOUND',
  StatusChangeInvalid = 'DOCUMENT_STATUS_CHANGE_INVALID',
  CursorInvalid = 'DOCUMENT_CURSOR_INVALID',
  XmlMissing = 'DOCUMENT_XML_MISSING',
  XmlUnreadable = 'DOCUMENT_XML_UNREADABLE',
}

export class DocumentsException extends DomainException {
  static notFound(): DocumentsException {
    return new DocumentsException(DocumentsExceptionCode.NotFound, 404, 'Nie znaleziono dokumentu.');
  }

  static statusChangeInvalid(from: string, to: string): DocumentsException {
    const detail = `Dokumentu o statusie „${from}” nie można oznaczyć jako „${to}”: najpierw musi zostać przyjęty przez KSeF lub z niego pobrany.`;
    return new DocumentsException(DocumentsExceptionCode.StatusChangeInvalid, 422, detail, [
      { path: 'status', message: detail },
    ]);
  }

  static badCursor(problem: CursorProblem): DocumentsException {
    const detail = CURSOR_MESSAGES[problem];
    return new DocumentsException(DocumentsExceptionCode.CursorInvalid, 400, detail, [
      { path: 'cursor', message: detail },
    ]);
  }

  static noInvoiceXml(): DocumentsException {
    return new DocumentsException(
      DocumentsExceptionCode.XmlMissing,
      409,
      'Ten dokument nie ma jeszcze treści faktury (XML), więc nie można pokazać jej wizualizacji.',
    );
  }

  static invoiceXmlUnreadable(reason: string): DocumentsException {
    return new DocumentsException(
      DocumentsExceptionCode.XmlUnreadable,
      409,
      `Nie udało się odczytać treści faktury, więc nie można pokazać jej wizualizacji: ${reason}`,
    );
  }
}
