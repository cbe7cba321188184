import { DomainException } from '../../common/domain.exception';

export enum PermissionsExceptionCode {
  FolderNotFound = 'FOLDER_NOT_FOUND',
  DocumentNotFound = 'DOCUMENT_NOT_FOUND',
  GrantNotFound = 'GRANT_NOT_FOUND',
  UserNotFound = 'USER_NOT_FOUND',
  SubjectNotFound = 'GRANT_SUBJECT_NOT_FOUND',
  HandleRequired = 'PERMISSION_HANDLE_REQUIRED',
}

export class PermissionsException extends DomainException {
  /** Unknown, another tenant's, and not visible to the caller all look the same. */
  static folderNotFound(path?: string): PermissionsException {
    const detail = 'Nie znaleziono katalogu.';
    return new PermissionsException(
      PermissionsExceptionCode.FolderNotFound,
      404,
      detail,
      path ? [{ path, message: detail }] : [],
    );
  }

  static documentNotFound(): PermissionsException {
    return new PermissionsException(PermissionsExceptionCode.DocumentNotFound, 404, 'Nie znaleziono dokumentu.');
  }

  static grantNotFound(): PermissionsException {
    return new PermissionsException(PermissionsExceptionCode.GrantNotFound, 404, 'Nie znaleziono uprawnienia.');
  }

  static userNotFound(): PermissionsException {
    return new PermissionsException(PermissionsExceptionCode.UserNotFound, 404, 'Nie znaleziono użytkownika.');
  }

  static subjectNotFound(path: 'userId' | 'groupId'): PermissionsException {
    const detail =
      path === 'userId'
        ? 'Nie znaleziono takiego użytkownika w tej firmie.'
        : 'Nie znaleziono takiej grupy w tej firmie.';
    return new PermissionsException(PermissionsExceptionCode.SubjectNotFound, 422, detail, [{ path, message: detail }]);
  }

  /** The caller sees the document or folder, so saying "no" here leaks nothing. */
  static handleRequired(): PermissionsException {
    return new PermissionsException(
      PermissionsExceptionCode.HandleRequired,
      403,
      'Nie masz uprawnienia do obsługi dokumentów w tym katalogu.',
    );
  }
}
